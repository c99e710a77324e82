import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'block-sender',
  description: 'PUT /me/blocked-senders/{faxNumber}: block a sender',
  trigger: { kind: 'http', method: 'PUT', path: '/me/blocked-senders/{faxNumber}', auth: 'customer' },
  access: { table: 'readWrite' },
  memoryMb: 256,
  timeoutSeconds: 5,
});
