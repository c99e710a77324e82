import { adminDecision, junkCaseItem, junkCasePath } from '../../shared/junk/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'dismiss-junk-case',
  description: "POST /admin/junk-fax-cases/{caseId}/dismiss: an admin closes a junk-fax case, audited with the admin's reason",
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/admin/junk-fax-cases/{caseId}/dismiss',
    auth: 'admin',
    pathParameters: junkCasePath,
    bodyLimitBytes: 4 * 1024,
    body: adminDecision,
    problems: [404, 409],
  },
  access: { table: 'readWrite', tableKeys: ['SENDER', 'AUDIT'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: junkCaseItem }));
