import { inventoryPage, inventoryQuery } from '../../shared/numbers/schemas';
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
    responses: { 200: inventoryPage },
  },
  access: { table: 'read' },
  memoryMb: 256,
  timeoutSeconds: 10,
});
