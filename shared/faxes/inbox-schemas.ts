import * as z from 'zod/mini';
import { schema } from '../schema';
import { resourceId } from '../http/path';
import { idShape } from '../ids';
import { pageSchema } from '../pages';
import { e164 } from '../text-fields';
import { FAX_CONTENT_TYPES } from './document';

// The inbox and blocked-sender routes' schemas, apart from the gateway's (schemas.ts), so these
// routes do not build the gateway's body schemas at load. Strict, as every request and response.

/** The path parameters of the blocked-senders routes. */
export const blockedSenderPath = /* @__PURE__ */ schema(() => z.object({ faxNumber: e164 }));
/** The path parameters of a fax's routes; an id of another shape names no fax (404). */
export const faxPath = /* @__PURE__ */ schema(() => z.object({ faxId: resourceId('fax', 'fax') }));

// Response schemas, lazy: only the OpenAPI generator builds them (README, "Cold-start budget").
const timestamp = () => z.iso.datetime();

const faxSummaryFields = () =>
  z.strictObject({
    faxId: z.string().check(z.regex(idShape('fax'))),
    from: e164,
    to: e164,
    remoteStationId: z.optional(z.string()),
    pages: z.int(),
    contentType: z.enum(FAX_CONTENT_TYPES),
    sizeBytes: z.int(),
    receivedAt: timestamp(),
    expiresAt: timestamp(),
  });
/** A fax as the inbox routes show it. */
export const faxSummary = /* @__PURE__ */ z.lazy(faxSummaryFields);
export type FaxSummary = z.infer<typeof faxSummary>;
export const faxPage = /* @__PURE__ */ z.lazy(() => pageSchema(faxSummaryFields()));

/** GET /faxes/{faxId}/document: a presigned GET of the document. */
export const documentDownload = /* @__PURE__ */ z.lazy(() => z.strictObject({ url: z.url(), expiresAt: timestamp() }));
export type DocumentDownload = z.infer<typeof documentDownload>;

const blockedSenderFields = () => z.strictObject({ faxNumber: e164, blockedAt: timestamp() });
export const blockedSender = /* @__PURE__ */ z.lazy(blockedSenderFields);
export const blockedSenderPage = /* @__PURE__ */ z.lazy(() => pageSchema(blockedSenderFields()));
