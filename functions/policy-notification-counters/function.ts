import { noticeCountersView, policyVersionPath } from '../../shared/policies/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'policy-notification-counters',
  description: "GET /admin/policies/{version}/notifications: a version's notices planned, sent, skipped, failed and pending",
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/admin/policies/{version}/notifications',
    auth: 'admin',
    pathParameters: policyVersionPath,
    problems: [404],
  },
  access: { table: 'read', tableKeys: ['POLICY'] },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: noticeCountersView }));
