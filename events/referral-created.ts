import * as z from 'zod/mini';
import { schema } from '../shared/schema';

/**
 * `referral.created` v1: a customer made a referral. Every referral is queued, invited or not, so
 * that `POST /referrals` does the same work whatever the friend's email is; the consumer sends the
 * invitation of an `invited` one. Ids only: it reads the referral (the friend's email) itself.
 */
export const referralCreatedV1 = /* @__PURE__ */ schema(() => z.strictObject({
  type: z.literal('referral.created'),
  version: z.literal(1),
  referrerId: z.string(),
  referralId: z.string(),
}));
export type ReferralCreatedV1 = z.infer<typeof referralCreatedV1>;
