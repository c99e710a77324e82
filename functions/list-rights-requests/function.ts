import { adminRightsRequestPage, rightsRequestsQuery } from '../../shared/rights/deadlines-schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'list-rights-requests',
  description: 'GET /admin/rights-requests: the privacy rights requests of one status by due date, optionally only the overdue ones',
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/admin/rights-requests',
    auth: 'admin',
    query: rightsRequestsQuery,
  },
  access: { table: 'read', tableKeys: [] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: adminRightsRequestPage }));
