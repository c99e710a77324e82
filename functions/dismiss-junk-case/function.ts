import { adminDecision, junkCaseItem, junkCasePath } from '../../shared/junk/schemas';
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
    responses: { 200: junkCaseItem },
    problems: [404, 409],
  },
  access: { table: 'readWrite' },
  memoryMb: 256,
  timeoutSeconds: 10,
});
