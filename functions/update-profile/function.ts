import { profileChanges } from '../../shared/accounts/profile-changes';
import { profile } from '../../shared/accounts/schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'update-profile',
  description: 'PATCH /me: correct company, contact name, phone or email',
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
  access: { table: 'readWrite' },
  memoryMb: 256,
  timeoutSeconds: 10,
});
