import { legalRequestPage } from '../../shared/legal/schemas';
import { pageQuery } from '../../shared/http/pagination';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'list-legal-holds',
  description: 'GET /admin/legal-holds: the legal requests whose hold on their subject’s data is in force, oldest first',
  trigger: { kind: 'http', method: 'GET', path: '/admin/legal-holds', auth: 'admin', query: pageQuery },
  access: { table: 'read', tableKeys: ['LEGAL'], hashKey: true, apiUrl: true },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: legalRequestPage }));
