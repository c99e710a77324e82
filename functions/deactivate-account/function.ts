import { deactivation } from '../../shared/accounts/schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'deactivate-account',
  description: 'DELETE /me: deactivate the account and disable its login; no more contact, no more faxes routed',
  trigger: {
    kind: 'http',
    method: 'DELETE',
    path: '/me',
    auth: 'customer',
    responses: { 202: deactivation },
    problems: [404],
  },
  access: { table: 'readWrite', logins: ['disable'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});
