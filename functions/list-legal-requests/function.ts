import { legalRequestPage, legalRequestsQuery } from '../../shared/legal/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'list-legal-requests',
  description: 'GET /admin/legal-requests?status=: the legal requests of one status, oldest first',
  trigger: { kind: 'http', method: 'GET', path: '/admin/legal-requests', auth: 'admin', query: legalRequestsQuery },
  // A produced request's link is signed again for the view.
  access: { table: 'read', tableKeys: ['LEGAL'], hashKey: true, apiUrl: true },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: legalRequestPage }));
