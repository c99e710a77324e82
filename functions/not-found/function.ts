import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'not-found',
  description: 'The catch-all route: a problem+json 404 for anything the API does not serve',
  trigger: { kind: 'http', method: 'ANY', path: '$default', auth: 'public', problems: [404] },
  access: {},
  memoryMb: 128,
  timeoutSeconds: 3,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({}));
