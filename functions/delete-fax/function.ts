import { faxPath } from '../../shared/faxes/inbox-schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'delete-fax',
  description: 'DELETE /faxes/{faxId}: the document and its metadata, gone',
  trigger: {
    kind: 'http',
    method: 'DELETE',
    path: '/faxes/{faxId}',
    auth: 'customer',
    pathParameters: faxPath,
    responses: { 204: null },
    problems: [404],
  },
  access: { table: 'readWrite', faxBucket: { delete: ['faxes'] } },
  memoryMb: 256,
  timeoutSeconds: 10,
});
