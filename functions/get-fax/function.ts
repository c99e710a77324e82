import { faxPath, faxSummary } from '../../shared/faxes/inbox-schemas';
import { schema } from '../../shared/schema';
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
    problems: [404],
  },
  // Writes too: a customer's first request activates their pending account (shared/accounts/profile.ts).
  access: { table: 'readWrite', tableKeys: ['ACCOUNT'] },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: faxSummary }));
