import { deactivation } from '../../shared/accounts/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'deactivate-account',
  description: 'DELETE /me: deactivate the account and disable its login; no more contact, no more faxes routed',
  trigger: {
    kind: 'http',
    method: 'DELETE',
    path: '/me',
    auth: 'customer',
    problems: [404],
  },
  access: { table: 'readWrite', tableKeys: ['ACCOUNT'], logins: ['disable'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 202: deactivation }));
