import * as z from 'zod/mini';
import { FAX_CONTENT_TYPES, UPLOAD_LIMIT_BYTES } from './document';

const e164 = z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'Must be an E.164 number such as +15551234567.'));

export const faxNumberParameter = e164;

/** The gateway's inbound-fax event (POST /gateway/faxes). */
export const inboundFax = z.strictObject({
  eventId: z.string().check(z.minLength(1), z.maxLength(128)),
  from: e164,
  to: e164,
  // T.30 station identifiers are at most 20 characters.
  remoteStationId: z.optional(z.string().check(z.maxLength(20))),
  receivedAt: z.iso.datetime(),
  pages: z.int().check(z.gte(1), z.lte(10_000)),
  document: z.union([
    z.strictObject({
      contentType: z.enum(FAX_CONTENT_TYPES),
      contentBase64: z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Must be base64.')),
    }),
    z.strictObject({ uploadId: z.string().check(z.regex(/^upl_[0-9A-Z]{26}$/, 'Must be an upload id.')) }),
  ]),
});
export type InboundFax = z.infer<typeof inboundFax>;

/** POST /gateway/uploads. */
export const uploadRequest = z.strictObject({
  contentType: z.enum(FAX_CONTENT_TYPES),
  sizeBytes: z.int().check(z.gte(1), z.lte(UPLOAD_LIMIT_BYTES)),
});
export type UploadRequest = z.infer<typeof uploadRequest>;
