import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'get-fax',
  description: 'GET /faxes/{faxId}: one fax of the inbox',
  trigger: { kind: 'http', method: 'GET', path: '/faxes/{faxId}', auth: 'customer' },
  access: { table: 'read' },
  memoryMb: 256,
  timeoutSeconds: 5,
});
