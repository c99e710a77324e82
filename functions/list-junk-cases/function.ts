import { junkCasePage, junkCaseQuery } from '../../shared/junk/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'list-junk-cases',
  description: 'GET /admin/junk-fax-cases: junk-fax cases of one status (default escalated), latest report first',
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/admin/junk-fax-cases',
    auth: 'admin',
    query: junkCaseQuery,
  },
  access: { table: 'read', tableKeys: [] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: junkCasePage }));
