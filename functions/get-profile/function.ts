import { profile } from '../../shared/accounts/schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'get-profile',
  description: "GET /me: the customer's own profile",
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/me',
    auth: 'customer',
    responses: { 200: profile },
    problems: [404],
  },
  // Writes too: a customer's first request activates their pending account (shared/accounts/profile.ts).
  access: { table: 'readWrite' },
  memoryMb: 256,
  timeoutSeconds: 5,
});
