import { emailVerification } from '../../shared/accounts/email-verification';
import { profile } from '../../shared/accounts/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'verify-email',
  description: 'POST /me/email/verify: the code sent to a new email makes it the account’s and the login’s',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/me/email/verify',
    auth: 'customer',
    bodyLimitBytes: 1024,
    body: emailVerification,
    problems: [404, 409, 410, 422, 429],
  },
  // The account's tries of the day (THROTTLE); the right code moves the email claim (EMAIL) with the account.
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'EMAIL', 'THROTTLE'], hashKey: true, logins: ['changeEmail'] },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: profile }));
