import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'list-blocked-senders',
  description: 'GET /me/blocked-senders: the numbers whose faxes never reach the inbox',
  trigger: { kind: 'http', method: 'GET', path: '/me/blocked-senders', auth: 'customer' },
  access: { table: 'read' },
  memoryMb: 256,
  timeoutSeconds: 5,
});
