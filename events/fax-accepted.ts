import * as z from 'zod/mini';
import { schema } from '../shared/schema';
import { FAX_CONTENT_TYPES } from '../shared/faxes/document';

/**
 * `fax.accepted` v1: the ingest route stored a gateway's fax document and hands it to the
 * processing queue. The consumer routes it to the inbox (or drops it for a blocked sender).
 */
export const faxAcceptedV1 = /* @__PURE__ */ schema(() => z.strictObject({
  type: z.literal('fax.accepted'),
  version: z.literal(1),
  faxId: z.string(),
  accountId: z.string(),
  from: z.string(),
  to: z.string(),
  remoteStationId: z.optional(z.string()),
  pages: z.int(),
  contentType: z.enum(FAX_CONTENT_TYPES),
  sizeBytes: z.int(),
  receivedAt: z.string(),
  acceptedAt: z.string(),
  documentKey: z.string(),
}));
export type FaxAcceptedV1 = z.infer<typeof faxAcceptedV1>;
