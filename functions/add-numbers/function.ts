import { numbersAdded, numbersToAdd } from '../../shared/numbers/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'add-numbers',
  description: "POST /admin/numbers: add fax numbers to the service's inventory",
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/admin/numbers',
    auth: 'admin',
    // 1,000 numbers of up to 16 characters, quoted, with room for the client's own spacing.
    bodyLimitBytes: 64 * 1024,
    body: numbersToAdd,
  },
  access: { table: 'readWrite', tableKeys: ['NUMBER'] },
  memoryMb: 256,
  timeoutSeconds: 30,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: numbersAdded }));
