import { nowIso } from '../clock';
import type { AccountStore } from './account-store';
import type { LoginDirectory } from './logins';
import { ownAccount } from './profile';

/**
 * DELETE /me: the account stops (no more contact, no more faxes) and its login is disabled and
 * signed out everywhere. The 202 comes only once both are done; a failure in between answers 500
 * and the retry finishes it, since every DELETE disables the login again (idempotent), whether or
 * not this one deactivated the account. A second DELETE answers the same and changes nothing.
 */
export const deactivateAccount = async (deps: { accounts: AccountStore; logins: LoginDirectory }, accountId: string) => {
  await ownAccount(deps.accounts, accountId);
  await deps.accounts.deactivate(accountId, nowIso());
  await deps.logins.disable(accountId);
  return { status: 'deactivated' as const };
};
