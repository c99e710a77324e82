import { faxPath, faxSummary } from '../../shared/faxes/inbox-schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'get-fax',
  description: 'GET /faxes/{faxId}: one fax of the inbox',
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/faxes/{faxId}',
    auth: 'customer',
    pathParameters: faxPath,
    responses: { 200: faxSummary },
    problems: [404],
  },
  access: { table: 'read' },
  memoryMb: 256,
  timeoutSeconds: 5,
});
