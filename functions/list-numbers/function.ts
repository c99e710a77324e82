import { inventoryPage, inventoryQuery } from '../../shared/numbers/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'list-numbers',
  description: "GET /admin/numbers: the inventory's numbers of one status",
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/admin/numbers',
    auth: 'admin',
    query: inventoryQuery,
  },
  access: { table: 'read', tableKeys: [] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: inventoryPage }));
