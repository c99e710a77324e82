import { adminRightsRequestPage, rightsRequestsQuery } from '../../shared/rights/deadlines-schemas';
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
    responses: { 200: adminRightsRequestPage },
  },
  access: { table: 'read' },
  memoryMb: 256,
  timeoutSeconds: 10,
});
