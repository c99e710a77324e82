import { exportLinkQuery, rightsRequestPath } from '../../shared/rights/schemas';
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
    responses: { 302: null },
    problems: [404, 410],
  },
  access: { exportBucket: 'read', hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 5,
});
