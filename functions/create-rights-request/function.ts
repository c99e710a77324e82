import { rightsRequestForm, rightsRequestReceipt } from '../../shared/rights/schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'create-rights-request',
  description: 'POST /rights-requests: a privacy rights request; a customer token for its email verifies it, anyone else gets a code by email',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/rights-requests',
    auth: 'optional',
    bodyLimitBytes: 16 * 1024,
    body: rightsRequestForm,
    responses: { 202: rightsRequestReceipt },
    problems: [404],
  },
  // Writes the account too: a customer's first request activates their pending account (shared/accounts/profile.ts).
  access: { table: 'readWrite', sendTo: ['emails', 'rightsRequests'], hashKey: true, idTokens: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});
