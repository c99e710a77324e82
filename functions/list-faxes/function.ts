import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'list-faxes',
  description: "GET /faxes: the customer's inbox, newest first",
  trigger: { kind: 'http', method: 'GET', path: '/faxes', auth: 'customer' },
  access: { table: 'read' },
  memoryMb: 256,
  timeoutSeconds: 10,
});
