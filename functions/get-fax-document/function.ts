import { documentDownload, faxPath } from '../../shared/faxes/inbox-schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'get-fax-document',
  description: "GET /faxes/{faxId}/document: a presigned link to the fax's document",
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/faxes/{faxId}/document',
    auth: 'customer',
    pathParameters: faxPath,
    responses: { 200: documentDownload },
    problems: [404, 410],
  },
  // Writes too: a customer's first request activates their pending account (shared/accounts/profile.ts).
  access: { table: 'readWrite', faxBucket: { read: ['faxes'] } },
  memoryMb: 256,
  timeoutSeconds: 5,
});
