import { pageQuery } from '../../shared/http/pagination';
import { referralPage } from '../../shared/referrals/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'list-referrals',
  description: "GET /referrals: the customer's referrals and their status, newest first",
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/referrals',
    auth: 'customer',
    query: pageQuery,
    problems: [404],
  },
  // Writes too: a customer's first request activates their pending account (shared/accounts/profile.ts).
  access: { table: 'readWrite', tableKeys: ['ACCOUNT'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: referralPage }));
