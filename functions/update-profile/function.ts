import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'update-profile',
  description: 'PATCH /me: correct company, contact name, phone or email',
  trigger: { kind: 'http', method: 'PATCH', path: '/me', auth: 'customer', bodyLimitBytes: 4 * 1024 },
  access: { table: 'readWrite' },
  memoryMb: 256,
  timeoutSeconds: 10,
});
