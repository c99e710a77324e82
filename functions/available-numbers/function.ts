import { availablePage, availableQuery } from '../../shared/numbers/schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'available-numbers',
  description: 'GET /numbers/available: the fax numbers a sign-up may choose',
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/numbers/available',
    auth: 'public',
    query: availableQuery,
    responses: { 200: availablePage },
  },
  access: { table: 'read' },
  memoryMb: 256,
  timeoutSeconds: 10,
});
