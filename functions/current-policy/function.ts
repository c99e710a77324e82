import { policyVersionView } from '../../shared/policies/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'current-policy',
  description: 'GET /policies/current: the privacy policy version in effect (or, before any is, the latest published)',
  trigger: { kind: 'http', method: 'GET', path: '/policies/current', auth: 'public', problems: [404] },
  access: { table: 'read', tableKeys: ['POLICY'] },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: policyVersionView }));
