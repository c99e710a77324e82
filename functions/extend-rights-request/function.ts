import { adminRightsRequest, rightsRequestExtension } from '../../shared/rights/deadlines-schemas';
import { rightsRequestPath } from '../../shared/rights/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'extend-rights-request',
  description: 'POST /admin/rights-requests/{id}/extend: an admin extends a rights request once, by two months, with a reason emailed to the requester',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/admin/rights-requests/{id}/extend',
    auth: 'admin',
    // A reason of 1,000 characters, each up to 6 bytes as a JSON escape.
    bodyLimitBytes: 8 * 1024,
    body: rightsRequestExtension,
    pathParameters: rightsRequestPath,
    problems: [404, 409, 422],
  },
  access: { table: 'readWrite', tableKeys: ['RIGHTS', 'AUDIT'], sendTo: ['emails'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: adminRightsRequest }));
