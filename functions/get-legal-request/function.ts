import { legalRequestPath, legalRequestView } from '../../shared/legal/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'get-legal-request',
  description: 'GET /admin/legal-requests/{id}: a legal request and its audit trail',
  trigger: { kind: 'http', method: 'GET', path: '/admin/legal-requests/{id}', auth: 'admin', pathParameters: legalRequestPath, problems: [404] },
  access: { table: 'read', tableKeys: ['LEGAL', 'AUDIT'], hashKey: true, apiUrl: true },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: legalRequestView }));
