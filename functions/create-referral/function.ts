import { referralForm, referralReceipt } from '../../shared/referrals/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'create-referral',
  description: 'POST /referrals: a customer invites a friend (one invitation with their referral code, unless the friend may not be invited); the same 202 either way',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/referrals',
    auth: 'customer',
    bodyLimitBytes: 2048,
    body: referralForm,
    problems: [404, 429],
  },
  // Reads the friend's email claim, opt-out and suppression entry; counts the customer's day and
  // the friend's window; writes the referral under the customer (and activates a pending account)
  // and queues it for its invitation (send-referral-invitation).
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'EMAIL', 'OPTOUT', 'SUPPRESSED', 'THROTTLE'], sendTo: ['referralInvitations'], hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 202: referralReceipt }));
