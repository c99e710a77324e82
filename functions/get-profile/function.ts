import { profile } from '../../shared/accounts/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'get-profile',
  description: "GET /me: the customer's own profile",
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/me',
    auth: 'customer',
    problems: [404],
  },
  // Writes too: a customer's first request activates their pending account (shared/accounts/profile.ts).
  access: { table: 'readWrite', tableKeys: ['ACCOUNT'] },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: profile }));
