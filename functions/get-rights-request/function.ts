import { rightsRequestPath, rightsRequestStatus } from '../../shared/rights/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'get-rights-request',
  description: 'GET /rights-requests/{id}: a rights request’s status, for its x-request-token or the customer whose email it is about',
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/rights-requests/{id}',
    auth: 'optional',
    pathParameters: rightsRequestPath,
    problems: [404],
  },
  // Writes the account too: a customer's first request activates their pending account (shared/accounts/profile.ts).
  access: { table: 'readWrite', tableKeys: ['RIGHTS', 'ACCOUNT'], hashKey: true, idTokens: true },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: rightsRequestStatus }));
