import { blockedSenderPath } from '../../shared/faxes/inbox-schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'unblock-sender',
  description: 'DELETE /me/blocked-senders/{faxNumber}: unblock a sender',
  trigger: {
    kind: 'http',
    method: 'DELETE',
    path: '/me/blocked-senders/{faxNumber}',
    auth: 'customer',
    pathParameters: blockedSenderPath,
    responses: { 204: null },
    problems: [404],
  },
  access: { table: 'readWrite' },
  memoryMb: 256,
  timeoutSeconds: 5,
});
