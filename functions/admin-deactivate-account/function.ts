import { adminAccountPath, adminDeactivation, adminDecision } from '../../shared/junk/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'admin-deactivate-account',
  description: "POST /admin/accounts/{accountId}/deactivate: an admin deactivates a client (login disabled, faxes refused), audited, and the client is emailed the reason",
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/admin/accounts/{accountId}/deactivate',
    auth: 'admin',
    pathParameters: adminAccountPath,
    bodyLimitBytes: 4 * 1024,
    body: adminDecision,
    problems: [404, 409],
  },
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'AUDIT'], sendTo: ['emails'], logins: ['disable'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: adminDeactivation }));
