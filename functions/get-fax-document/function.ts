import { documentDownload, faxPath } from '../../shared/faxes/inbox-schemas';
import { schema } from '../../shared/schema';
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
    problems: [404, 410],
  },
  // Writes too: a customer's first request activates their pending account (shared/accounts/profile.ts).
  access: { table: 'readWrite', tableKeys: ['ACCOUNT'], faxBucket: { read: ['faxes'] } },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: documentDownload }));
