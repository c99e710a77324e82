import { adminRightsRequest, rightsRequestExtension } from '../../shared/rights/deadlines-schemas';
import { rightsRequestPath } from '../../shared/rights/schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'extend-rights-request',
  description: 'POST /admin/rights-requests/{id}/extend: an admin extends a rights request once, by two months, with a reason emailed to the requester',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/admin/rights-requests/{id}/extend',
    auth: 'admin',
    // A reason of 1,000 characters, each up to 6 bytes as a JSON escape.
    bodyLimitBytes: 8 * 1024,
    body: rightsRequestExtension,
    pathParameters: rightsRequestPath,
    responses: { 200: adminRightsRequest },
    problems: [404, 409, 422],
  },
  access: { table: 'readWrite', sendTo: ['emails'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});
