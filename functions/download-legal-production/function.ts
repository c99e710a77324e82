import { legalRequestPath } from '../../shared/legal/schemas';
import { exportLinkQuery } from '../../shared/rights/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'download-legal-production',
  description: "GET /legal-productions/{id}?token=: a legal production's link, redirected to a fresh presigned download",
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/legal-productions/{id}',
    // The signed token is the credential: the requester (outside the service) downloads with it alone.
    auth: 'public',
    pathParameters: legalRequestPath,
    query: exportLinkQuery,
    problems: [404, 410],
  },
  access: { exportBucket: 'read', exportPrefix: 'legal', hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 302: null }));
