import { signUpReceipt } from '../../shared/accounts/schemas';
import { signUpForm } from '../../shared/accounts/sign-up-form';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'create-account',
  description: 'POST /accounts: the Account Set-Up Form',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/accounts',
    auth: 'public',
    bodyLimitBytes: 16 * 1024,
    body: signUpForm,
    problems: [409, 422, 429],
  },
  access: { table: 'readWrite', sendTo: ['accounts'], hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 201: signUpReceipt }));
