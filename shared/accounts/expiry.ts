import { now } from '../clock';
import { drain } from '../jobs/drain';
import type { AccountStore } from './account-store';
import type { LoginDirectory } from './logins';

/** How long a sign-up has to prove its email (its owner's first sign-in) before it is removed. */
export const SIGNUP_PROOF_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The `signup-expiry` schedule: removes every account still pending `SIGNUP_PROOF_DAYS` after it
 * was created, with its login, so that its email and number are free again. Per account: its
 * expiry begins (from then on it cannot be activated, so no login is removed from under a
 * customer who just signed in), the login is removed, then the account, its consents and claims
 * in one transaction, its number available at once. A run that fails in between is resumed by the
 * next (the account stays listed until the transaction commits).
 */
export const expireUnprovenSignUps = async (deps: { accounts: AccountStore; logins: LoginDirectory }, hasTimeLeft: () => boolean, batchSize = 100) => {
  const at = now();
  const createdBefore = new Date(at.getTime() - SIGNUP_PROOF_DAYS * DAY_MS);
  let signUpsExpired = 0;
  await drain({
    next: (limit) => deps.accounts.unprovenSince(createdBefore, limit),
    idOf: (accountId) => accountId,
    handle: async (accountId) => {
      const account = await deps.accounts.beginExpiry(accountId, createdBefore);
      if (!account) return;
      await deps.logins.remove(accountId);
      await deps.accounts.removeExpired(account, at.toISOString());
      signUpsExpired += 1;
    },
    hasTimeLeft,
    batchSize,
  });
  return { signUpsExpired, createdBefore: createdBefore.toISOString() };
};
