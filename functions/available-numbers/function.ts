import { availablePage, availableQuery } from '../../shared/numbers/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'available-numbers',
  description: 'GET /numbers/available: the fax numbers a sign-up may choose',
  trigger: {
    kind: 'http',
    method: 'GET',
    path: '/numbers/available',
    auth: 'public',
    query: availableQuery,
  },
  access: { table: 'read', tableKeys: [] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: availablePage }));
