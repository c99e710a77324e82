import { junkCasePage, junkCaseQuery } from '../../shared/junk/schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'list-junk-cases',
  description: 'GET /admin/junk-fax-cases: junk-fax cases of one status (default escalated), latest report first',
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/admin/junk-fax-cases',
    auth: 'admin',
    query: junkCaseQuery,
    responses: { 200: junkCasePage },
  },
  access: { table: 'read' },
  memoryMb: 256,
  timeoutSeconds: 10,
});
