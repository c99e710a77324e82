import { blockedSender, blockedSenderPath } from '../../shared/faxes/inbox-schemas';
import { schema } from '../../shared/schema';
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
    problems: [404],
  },
  access: { table: 'readWrite', tableKeys: ['ACCOUNT'] },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: blockedSender }));
