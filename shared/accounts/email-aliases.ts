import { canonicalEmail } from './account';
import type { AccountStore } from './account-store';
import type { AliasRelease } from './logins';

/**
 * The pool's alias may leave a login only when that login's account no longer holds the email:
 * the email claims (unique among live accounts) are the truth, the pool follows them. So a login
 * left behind by a removal not yet finished (the account gone or its `removal` begun), or by an
 * email change whose login step has not landed yet (the account holds another email now), gives
 * the alias up; an administrator's login (no account) or a live account holding the email keeps it.
 */
export const staleAliasRelease =
  (accounts: AccountStore): AliasRelease =>
  async (holder, email) => {
    if (holder.accountId === undefined) return false;
    const account = await accounts.get(holder.accountId);
    return account === undefined || account.removal !== undefined || account.email !== canonicalEmail(email);
  };
