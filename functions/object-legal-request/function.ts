import { legalClosing, legalRequestPath, legalRequestView } from '../../shared/legal/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'object-legal-request',
  description: 'POST /admin/legal-requests/{id}/object: the service objects to a legal request (vague, overbroad, undue burden); its hold ends',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/admin/legal-requests/{id}/object',
    auth: 'admin',
    // A reason of 1,000 characters, each up to 6 bytes as a JSON escape.
    bodyLimitBytes: 8 * 1024,
    body: legalClosing,
    pathParameters: legalRequestPath,
    problems: [404, 409],
  },
  access: { table: 'readWrite', tableKeys: ['LEGAL', 'LEGALHOLD', 'AUDIT'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: legalRequestView }));
