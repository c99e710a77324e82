import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'delete-fax',
  description: 'DELETE /faxes/{faxId}: the document and its metadata, gone',
  trigger: { kind: 'http', method: 'DELETE', path: '/faxes/{faxId}', auth: 'customer' },
  access: { table: 'readWrite', faxBucket: { delete: ['faxes'] } },
  memoryMb: 256,
  timeoutSeconds: 10,
});
