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
  // The sign-up's day counts (THROTTLE); the referral code's claim read; one transaction of the
  // account and its consents (ACCOUNT), the email and referral-code claims and the number taken.
  // The referral it names is found through GSI1 (not confined).
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'EMAIL', 'REFERRALCODE', 'NUMBER', 'THROTTLE'], sendTo: ['accounts'], hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 201: signUpReceipt }));
