import { linkChoice, linkQuery } from '../../shared/communications/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'preview-unsubscribe',
  description: 'GET /unsubscribe?token=: what the emailed one-click link would do; changes nothing (mail scanners follow links)',
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/unsubscribe',
    // The signed token is the credential: the link works from the email, without sign-in.
    auth: 'public',
    query: linkQuery,
    problems: [404],
  },
  access: { hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 5,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: linkChoice }));
