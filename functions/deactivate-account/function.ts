import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'deactivate-account',
  description: 'DELETE /me: deactivate the account; no more contact, no more faxes routed',
  trigger: { kind: 'http', method: 'DELETE', path: '/me', auth: 'customer' },
  access: { table: 'readWrite' },
  memoryMb: 256,
  timeoutSeconds: 10,
});
