import { blockedSender, blockedSenderPath } from '../../shared/faxes/inbox-schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'block-sender',
  description: 'PUT /me/blocked-senders/{faxNumber}: block a sender',
  trigger: {
    kind: 'http',
    method: 'PUT',
    path: '/me/blocked-senders/{faxNumber}',
    auth: 'customer',
    pathParameters: blockedSenderPath,
    responses: { 200: blockedSender },
    problems: [404],
  },
  access: { table: 'readWrite' },
  memoryMb: 256,
  timeoutSeconds: 5,
});
