import { legalProduction, legalRequestPath } from '../../shared/legal/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'produce-legal-request',
  description: 'POST /admin/legal-requests/{id}/produce: the package of what is in scope and allowed, redacted, behind a 7-day link',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/admin/legal-requests/{id}/produce',
    auth: 'admin',
    pathParameters: legalRequestPath,
    problems: [404, 409],
  },
  // The registry's kinds for the subject (as an access export reads them: the account's partition,
  // its claims, number and case, its trail, the suppression entry), their documents (faxes/), the
  // login; the package under legal/ of the exports bucket.
  access: {
    table: 'readWrite',
    tableKeys: ['LEGAL', 'LEGALHOLD', 'AUDIT', 'ACCOUNT', 'EMAIL', 'NUMBER', 'SENDER', 'SUPPRESSED'],
    hashKey: true,
    apiUrl: true,
    exportBucket: 'write',
    exportPrefix: 'legal',
    faxBucket: { read: ['faxes'] },
    logins: ['describe'],
  },
  memoryMb: 1024,
  timeoutSeconds: 60,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: legalProduction }));
