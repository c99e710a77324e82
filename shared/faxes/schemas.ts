import * as z from 'zod/mini';
import { schema } from '../schema';
import { idShape } from '../ids';
import { e164, foreignId, singleLineText } from '../text-fields';
import { FAX_CONTENT_TYPES, UPLOAD_LIMIT_BYTES } from './document';

// The gateway routes' schemas; the inbox routes' are in inbox-schemas.ts, so neither side builds
// the other's at load. Request schemas are strict: an unknown field is a 400, never ignored.

/** The gateway's inbound-fax event (POST /gateway/faxes). */
export const inboundFax = /* @__PURE__ */ schema(() => z.strictObject({
  eventId: foreignId,
  from: e164,
  to: e164,
  // T.30 station identifiers are at most 20 characters.
  remoteStationId: z.optional(singleLineText(20)),
  receivedAt: z.iso.datetime(),
  pages: z.int().check(z.gte(1), z.lte(10_000)),
  document: z.union([
    z.strictObject({
      contentType: z.enum(FAX_CONTENT_TYPES),
      contentBase64: z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Must be base64.')),
    }),
    z.strictObject({ uploadId: z.string().check(z.regex(idShape('upl'), 'Must be an upload id.')) }),
  ]),
}));
export type InboundFax = z.infer<typeof inboundFax>;

/** POST /gateway/uploads. */
export const uploadRequest = /* @__PURE__ */ schema(() => z.strictObject({
  contentType: z.enum(FAX_CONTENT_TYPES),
  sizeBytes: z.int().check(z.gte(1), z.lte(UPLOAD_LIMIT_BYTES)),
}));
export type UploadRequest = z.infer<typeof uploadRequest>;

// Response schemas: what the routes answer, for the OpenAPI document (strict, as the requests).
// Lazy: only the OpenAPI generator builds them (README, "Cold-start budget").

/** POST /gateway/faxes (a repeat answers the same). */
export const faxReceipt = /* @__PURE__ */ z.lazy(() => z.strictObject({ faxId: z.string().check(z.regex(idShape('fax'))), status: z.literal('accepted') }));

/** POST /gateway/uploads. */
export const uploadTicket = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ uploadId: z.string().check(z.regex(idShape('upl'))), url: z.url(), expiresAt: z.iso.datetime() }),
);
export type UploadTicket = z.infer<typeof uploadTicket>;
