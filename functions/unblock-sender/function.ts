import { blockedSenderPath } from '../../shared/faxes/inbox-schemas';
import { schema } from '../../shared/schema';
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
    problems: [404],
  },
  access: { table: 'readWrite', tableKeys: ['ACCOUNT'] },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 204: null }));
