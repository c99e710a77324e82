import { numbersAdded, numbersToAdd } from '../../shared/numbers/schemas';
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
    responses: { 200: numbersAdded },
  },
  access: { table: 'readWrite' },
  memoryMb: 256,
  timeoutSeconds: 30,
});
