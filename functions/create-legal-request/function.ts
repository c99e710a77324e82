import { legalRequestCreated, newLegalRequest } from '../../shared/legal/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'create-legal-request',
  description: 'POST /admin/legal-requests: records a legal request, what it may not have and why, holds its subject’s data and tells the customer',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/admin/legal-requests',
    auth: 'admin',
    // Names, an address, up to 20 document references: each character up to 6 bytes as a JSON escape.
    bodyLimitBytes: 32 * 1024,
    body: newLegalRequest,
    problems: [422],
  },
  // The subject's account: by id (ACCOUNT), email claim (EMAIL) or number (NUMBER); the notice by
  // email; its faxes in scope held (their items' TTL off, their documents re-tagged).
  access: {
    table: 'readWrite',
    tableKeys: ['LEGAL', 'LEGALHOLD', 'AUDIT', 'ACCOUNT', 'EMAIL', 'NUMBER'],
    sendTo: ['emails'],
    hashKey: true,
    faxBucket: { write: ['faxes'] },
  },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 201: legalRequestCreated }));
