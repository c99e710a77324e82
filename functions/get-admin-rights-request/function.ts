import { adminRightsRequest, rightsRequestPath } from '../../shared/rights/schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'get-admin-rights-request',
  description: 'GET /admin/rights-requests/{id}: a rights request and its audit trail, for admins',
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/admin/rights-requests/{id}',
    auth: 'admin',
    pathParameters: rightsRequestPath,
    responses: { 200: adminRightsRequest },
    problems: [404],
  },
  access: { table: 'read' },
  memoryMb: 256,
  timeoutSeconds: 5,
});
