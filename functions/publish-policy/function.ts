import { policyPublication, publishedPolicy } from '../../shared/policies/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'publish-policy',
  description: 'POST /admin/policies: an admin publishes a privacy policy version once (audited) and starts its notices',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/admin/policies',
    auth: 'admin',
    // A summary of 4,000 characters, each up to 6 bytes as a JSON escape, and a 2 KiB link.
    bodyLimitBytes: 32 * 1024,
    body: policyPublication,
    problems: [409, 422],
  },
  access: { table: 'readWrite', tableKeys: ['POLICY', 'AUDIT'], sendTo: ['policyNotices'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 201: publishedPolicy }));
