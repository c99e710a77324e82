import { signUpReceipt } from '../../shared/accounts/schemas';
import { signUpForm } from '../../shared/accounts/sign-up-form';
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
    responses: { 201: signUpReceipt },
    problems: [409, 422],
  },
  access: { table: 'readWrite', sendTo: ['accounts'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});
