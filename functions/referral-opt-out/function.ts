import { linkChoice, linkQuery } from '../../shared/communications/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'referral-opt-out',
  description: "GET /referrals/opt-out?token=: a referral invitation's opt-out link; the email gets no more invitations, from anyone",
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/referrals/opt-out',
    auth: 'public',
    query: linkQuery,
    problems: [404],
  },
  access: { table: 'readWrite', tableKeys: ['OPTOUT'], hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: linkChoice }));
