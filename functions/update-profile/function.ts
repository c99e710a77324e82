import { profileChanges } from '../../shared/accounts/profile-changes';
import { profile } from '../../shared/accounts/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'update-profile',
  description: 'PATCH /me: correct company, contact name or phone; a new email waits for its code',
  trigger: {
    kind: 'http',
    method: 'PATCH',
    path: '/me',
    auth: 'customer',
    bodyLimitBytes: 4 * 1024,
    body: profileChanges,
    problems: [404, 409, 429],
  },
  // The account (activated by a first request, like every customer route); a new email: the
  // account's codes of the day (THROTTLE) and whether another account claims it (EMAIL, read only).
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'EMAIL', 'THROTTLE'], sendTo: ['emails'], hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: profile }));
