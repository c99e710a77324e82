import * as z from 'zod/mini';
import { schema } from '../shared/schema';

/**
 * `rights-request.verified` v1: a privacy rights request was verified and awaits fulfilment. Ids
 * only: the consumer reads the request (its type, its email), so the queue holds no personal data.
 * The request's listing under its status is the outbox: a request still `verified` (or
 * `in_progress`) some minutes on is queued again, so every verified request is fulfilled.
 */
export const rightsRequestVerifiedV1 = /* @__PURE__ */ schema(() => z.strictObject({
  type: z.literal('rights-request.verified'),
  version: z.literal(1),
  requestId: z.string(),
}));
export type RightsRequestVerifiedV1 = z.infer<typeof rightsRequestVerifiedV1>;
