import { adminRightsRequest, rightsRequestPath } from '../../shared/rights/schemas';
import { schema } from '../../shared/schema';
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
    problems: [404],
  },
  access: { table: 'read', tableKeys: ['RIGHTS', 'AUDIT'] },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: adminRightsRequest }));
