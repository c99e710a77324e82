import { rightsRequestPath, rightsRequestVerification, rightsRequestVerified } from '../../shared/rights/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'verify-rights-request',
  description: 'POST /rights-requests/{id}/verify: the code emailed for a rights request, with its x-request-token, verifies it',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/rights-requests/{id}/verify',
    // The request token (x-request-token) is the credential, checked by the function.
    auth: 'public',
    bodyLimitBytes: 1024,
    body: rightsRequestVerification,
    pathParameters: rightsRequestPath,
    problems: [404, 409, 410, 422, 429],
  },
  // The email's tries of the day (THROTTLE); the request's outcome commits with its audit entry.
  access: { table: 'readWrite', tableKeys: ['RIGHTS', 'AUDIT', 'THROTTLE'], sendTo: ['rightsRequests'], hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: rightsRequestVerified }));
