import { nowIso } from '../clock';
import { Conflict, Forbidden, NotFound } from '../errors';
import { profileView, type Account } from './account';
import { AccountChanged, ReferralGone, UniqueValueTaken, type AccountStore } from './account-store';
import type { PreferenceChanges } from './preference-changes';
import { changePreferences } from './preferences';

const noAccount = () => new NotFound('There is no account for this token.');

/**
 * Proves a pending sign-up, converting the referral it names (API.md: a friend who signs up with
 * the code converts it) in the same write. One no longer there to convert (its referrer or friend
 * erased meanwhile, or converted by an earlier sign-up of the email): activated without it.
 */
const activate = async (accounts: AccountStore, { accountId, referredByAccountId, referralId }: Account): Promise<Account | undefined> => {
  const at = nowIso();
  try {
    return await accounts.activate(accountId, at, referredByAccountId && referralId ? { referrerId: referredByAccountId, referralId } : undefined);
  } catch (error) {
    if (!(error instanceof ReferralGone)) throw error;
    return accounts.activate(accountId, at);
  }
};

/**
 * The caller's own account; an account that no longer exists is a 404 for its old token. A valid
 * token is its owner's sign-in, and only the owner of the invited email can sign in: so a pending
 * account found here is proven and becomes active (idempotent: of concurrent first requests one
 * activates it, the others read it active). One being removed (expiry, erasure) is gone.
 */
export const ownAccount = async (accounts: AccountStore, accountId: string): Promise<Account> => {
  const account = await accounts.get(accountId);
  if (!account || account.removal) throw noAccount();
  if (account.status !== 'pending') return account;
  const activated = (await activate(accounts, account)) ?? (await accounts.get(accountId));
  if (!activated || activated.status === 'pending') throw noAccount();
  return activated;
};

/** A deactivated customer may read their profile and file rights requests, nothing else. */
export const activeOwnAccount = async (accounts: AccountStore, accountId: string): Promise<Account> => {
  const account = await ownAccount(accounts, accountId);
  if (account.status !== 'active') throw new Forbidden('The account is deactivated.');
  return account;
};

/** Maps the store's refusals of a write to the caller's problem: both are a 409 worth retrying or rethinking. */
export const retryable = (error: unknown): never => {
  if (error instanceof UniqueValueTaken) throw new Conflict('An account with this email already exists.');
  if (error instanceof AccountChanged) throw new Conflict('The account changed while this request ran; retry it.');
  throw error;
};

export const getProfile = async (accounts: AccountStore, accountId: string) =>
  profileView(await ownAccount(accounts, accountId));

/** `PUT /me/preferences`: the signed-in customer's choices (shared/accounts/preferences.ts). */
export const updatePreferences = async (accounts: AccountStore, accountId: string, changes: PreferenceChanges) => {
  const current = await activeOwnAccount(accounts, accountId);
  return changePreferences(accounts, current, changes, { method: 'preferences', actor: { kind: 'customer', accountId } }).catch(retryable);
};
