import { rightsRequestForm, rightsRequestReceipt } from '../../shared/rights/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'create-rights-request',
  description: 'POST /rights-requests: a privacy rights request; a customer token for its email verifies it, anyone else gets a code by email',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/rights-requests',
    auth: 'optional',
    bodyLimitBytes: 16 * 1024,
    body: rightsRequestForm,
    problems: [404, 429],
  },
  // The request with its audit entries; the email's code limits (THROTTLE). Writes the account too: a
  // customer's first request activates their pending account, converting its referral (also under
  // ACCOUNT: shared/accounts/profile.ts).
  access: { table: 'readWrite', tableKeys: ['RIGHTS', 'AUDIT', 'ACCOUNT', 'THROTTLE'], sendTo: ['emails', 'rightsRequests'], hashKey: true, idTokens: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 202: rightsRequestReceipt }));
