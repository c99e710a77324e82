import { exportLinkQuery, rightsRequestPath } from '../../shared/rights/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'download-rights-export',
  description: "GET /rights-requests/{id}/export?token=: an access export's emailed link, redirected to a fresh presigned download",
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/rights-requests/{id}/export',
    // The signed token is the credential: the link works from the email, signed in or not.
    auth: 'public',
    pathParameters: rightsRequestPath,
    query: exportLinkQuery,
    problems: [404, 410],
  },
  access: { exportBucket: 'read', hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 302: null }));
