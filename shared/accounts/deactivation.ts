import { nowIso } from '../clock';
import type { Deactivator } from './account';
import type { AccountStore } from './account-store';
import type { LoginDirectory } from './logins';
import { ownAccount } from './profile';

/**
 * Stops an account: deactivated (no more contact, no more faxes routed) and its login disabled
 * and signed out everywhere. Idempotent: an account already deactivated stays as it was, and its
 * login is disabled again, so a retry after a failure in between finishes it.
 */
export const stopAccount = async (deps: { accounts: AccountStore; logins: LoginDirectory }, accountId: string, by: Deactivator) => {
  await deps.accounts.deactivate(accountId, nowIso(), by);
  await deps.logins.disable(accountId);
};

/**
 * DELETE /me: the customer stops their own account. The 202 comes only once the account and its
 * login are both stopped; a failure in between answers 500 and the retry finishes it. A second
 * DELETE answers the same and changes nothing.
 */
export const deactivateAccount = async (deps: { accounts: AccountStore; logins: LoginDirectory }, accountId: string) => {
  await ownAccount(deps.accounts, accountId);
  await stopAccount(deps, accountId, 'customer');
  return { status: 'deactivated' as const };
};
