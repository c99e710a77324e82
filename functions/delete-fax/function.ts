import { faxPath } from '../../shared/faxes/inbox-schemas';
import { schema } from '../../shared/schema';
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
    problems: [404, 409],
  },
  // LEGALHOLD: a fax a legal hold keeps is not deleted (409).
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'LEGALHOLD'], faxBucket: { delete: ['faxes'] } },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 204: null }));
