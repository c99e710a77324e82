import { nowIso } from '../clock';
import { BusinessRuleViolation, Conflict, Forbidden, NotFound } from '../errors';
import { newId } from '../ids';
import { canonicalEmail, profileView, type Account, type ConsentRecord, type ProfileChanges } from './account';
import { AccountChanged, UniqueValueTaken, type AccountStore } from './account-store';
import type { PreferenceChanges } from './preference-changes';

/** The caller's own account; an account that no longer exists is a 404 for its old token. */
const ownAccount = async (accounts: AccountStore, accountId: string): Promise<Account> => {
  const account = await accounts.get(accountId);
  if (!account) throw new NotFound('There is no account for this token.');
  return account;
};

/** A deactivated customer may read their profile and file rights requests, nothing else. */
export const activeOwnAccount = async (accounts: AccountStore, accountId: string): Promise<Account> => {
  const account = await ownAccount(accounts, accountId);
  if (account.status !== 'active') throw new Forbidden('The account is deactivated.');
  return account;
};

const retryable = (error: unknown): never => {
  if (error instanceof UniqueValueTaken) throw new Conflict('An account with this email already exists.');
  if (error instanceof AccountChanged) throw new Conflict('The account changed while this request ran; retry it.');
  throw error;
};

export const getProfile = async (accounts: AccountStore, accountId: string) =>
  profileView(await ownAccount(accounts, accountId));

export const updateProfile = async (accounts: AccountStore, accountId: string, changes: ProfileChanges) => {
  const current = await activeOwnAccount(accounts, accountId);
  const normalized = changes.email === undefined ? changes : { ...changes, email: canonicalEmail(changes.email) };
  return profileView(await accounts.updateProfile(current, normalized, nowIso()).catch(retryable));
};

export const updatePreferences = async (accounts: AccountStore, accountId: string, changes: PreferenceChanges) => {
  const current = await activeOwnAccount(accounts, accountId);
  const optOutAll = changes.optOutAll ?? current.preferences.optOutAll;
  if (changes.marketingOptIn === true && optOutAll) {
    throw new BusinessRuleViolation('Marketing cannot be chosen while opted out of all communication.');
  }
  if (changes.marketingOptIn === true && current.processing.restricted) {
    throw new BusinessRuleViolation('Processing is restricted for this account: no marketing.');
  }
  // Opting out of everything includes marketing.
  const marketingOptIn = optOutAll ? false : (changes.marketingOptIn ?? current.preferences.marketingOptIn);
  const preferences = {
    marketingOptIn,
    optOutAll,
    businessTransitionOptOut: changes.businessTransitionOptOut ?? current.preferences.businessTransitionOptOut,
  };
  const updatedAt = nowIso();
  const consents: ConsentRecord[] =
    marketingOptIn === current.preferences.marketingOptIn
      ? []
      : [{ consentId: newId('cns'), kind: 'marketing', granted: marketingOptIn, version: current.policyVersion, recordedAt: updatedAt, method: 'preferences' }];
  const updated = await accounts.updatePreferences(current, preferences, consents, updatedAt).catch(retryable);
  return updated.preferences;
};

/** Deactivation is idempotent: a second DELETE answers the same and changes nothing. */
export const deactivateAccount = async (accounts: AccountStore, accountId: string) => {
  await ownAccount(accounts, accountId);
  await accounts.deactivate(accountId, nowIso());
  return { status: 'deactivated' as const };
};
