import { profileChanges } from '../../shared/accounts/profile-changes';
import { profile } from '../../shared/accounts/schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'update-profile',
  description: 'PATCH /me: correct company, contact name or phone; a new email waits for its code',
  trigger: {
    kind: 'http',
    method: 'PATCH',
    path: '/me',
    auth: 'customer',
    bodyLimitBytes: 4 * 1024,
    body: profileChanges,
    responses: { 200: profile },
    problems: [404, 409],
  },
  access: { table: 'readWrite', sendTo: ['emails'], hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});
