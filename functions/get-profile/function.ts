import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'get-profile',
  description: "GET /me: the customer's own profile",
  trigger: { kind: 'http', method: 'GET', path: '/me', auth: 'customer' },
  access: { table: 'read' },
  memoryMb: 256,
  timeoutSeconds: 5,
});
