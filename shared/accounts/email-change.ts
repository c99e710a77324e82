import { nowIso } from '../clock';
import type { EmailOutbox } from '../email/outbox';
import { BusinessRuleViolation, Conflict, Gone } from '../errors';
import { hasExpired, newOneTimeCode, ONE_TIME_CODE_ATTEMPTS, oneTimeCodeExpiry } from '../one-time-codes';
import { personEmailHash, type Pseudonymiser } from '../pseudonyms';
import { canonicalEmail, profileView, type Account, type ProfileChanges } from './account';
import type { AccountStore } from './account-store';
import type { LoginDirectory } from './logins';
import { activeOwnAccount, retryable } from './profile';

/** A code is kept only as a keyed digest, salted by the account and the address it proves. */
const codeHashOf = (pseudonymiser: Pseudonymiser, accountId: string, email: string, code: string) =>
  pseudonymiser.pseudonym('email-change-code-v1', [accountId, email, code]);

interface ProfileDeps {
  accounts: AccountStore;
  emails: EmailOutbox;
  pseudonymiser: Pseudonymiser;
}

/**
 * PATCH /me. Company, contact name and phone change at once. A new email is not taken on the
 * caller's word: it is stored as the account's pending email change, with a fresh code (replacing
 * any earlier change) emailed to the new address; the account keeps its email until the code is
 * verified. An email some other live account holds is a 409 at once (and again at verification,
 * where the claim decides).
 */
export const updateProfile = async (deps: ProfileDeps, accountId: string, changes: ProfileChanges, requestId: string) => {
  const current = await activeOwnAccount(deps.accounts, accountId);
  const { email: requested, ...fields } = changes;
  const email = requested === undefined ? undefined : canonicalEmail(requested);
  if (email === undefined || email === current.email) {
    return profileView(await deps.accounts.updateProfile(current, fields, nowIso()).catch(retryable));
  }
  const holder = await deps.accounts.accountIdByEmail(email);
  if (holder !== undefined && holder !== accountId) throw new Conflict('An account with this email already exists.');
  const code = newOneTimeCode();
  const emailChange = {
    email,
    codeHash: await codeHashOf(deps.pseudonymiser, accountId, email, code),
    codeExpiresAt: oneTimeCodeExpiry(),
    attempts: 0,
  };
  const updated = await deps.accounts.updateProfile(current, { ...fields, emailChange }, nowIso()).catch(retryable);
  // Stored first: should the pipeline refuse, the request fails and its retry makes a new code
  // (the account's new version names a new message).
  await deps.emails.request(
    { template: 'email-change-code', messageId: `email-change-code#${accountId}#${updated.version}`, to: email, params: { code } },
    requestId,
  );
  return profileView(updated);
};

/** The account's change once the login has its email too: nothing pending is left. */
const finish = async (deps: VerifyDeps, account: Account, codeHash: string) => {
  await deps.logins.changeEmail(account.accountId, account.email);
  await deps.accounts.dropEmailChange(account.accountId, codeHash);
  const { emailChange: _done, ...finished } = account;
  return profileView(finished);
};

/** The account's former emails' digests with its current one added: its erasure finds what was filed under them. */
const formerEmailHashesOf = async (pseudonymiser: Pseudonymiser, account: Account) => [
  ...(account.formerEmailHashes ?? []),
  await personEmailHash(pseudonymiser, account.email),
];

interface VerifyDeps {
  accounts: AccountStore;
  logins: LoginDirectory;
  pseudonymiser: Pseudonymiser;
}

/**
 * POST /me/email/verify. Each code tried counts before it is compared, so concurrent guesses
 * each use one of the 5 tries. The right code within 15 minutes moves the email claim and the
 * account's email in one transaction (409 when another account took the email meanwhile), then
 * the login's email; should that fail, the request fails and the same code again finishes it.
 * No change pending (never asked for, finished, or dropped after the 5th wrong code): 409. An
 * expired code: 410 (PATCH /me again for a new one). A wrong one: 422.
 */
export const verifyEmail = async (deps: VerifyDeps, accountId: string, code: string) => {
  await activeOwnAccount(deps.accounts, accountId);
  const account = await deps.accounts.countCodeAttempt(accountId, ONE_TIME_CODE_ATTEMPTS);
  const change = account?.emailChange;
  if (!account || !change) throw new Conflict('No email change is pending: change the email with PATCH /me first.');
  if (!change.confirmedAt && hasExpired(change.codeExpiresAt)) {
    throw new Gone('The code has expired: change the email with PATCH /me again for a new one.');
  }
  if ((await codeHashOf(deps.pseudonymiser, accountId, change.email, code)) !== change.codeHash) {
    if (change.attempts >= ONE_TIME_CODE_ATTEMPTS) await deps.accounts.dropEmailChange(accountId, change.codeHash);
    throw new BusinessRuleViolation('The code is not the one sent to the new email.');
  }
  if (change.confirmedAt) return finish(deps, account, change.codeHash);
  const confirmed = await deps.accounts
    .updateProfile(account, { email: change.email, emailChange: { ...change, confirmedAt: nowIso() }, formerEmailHashes: await formerEmailHashesOf(deps.pseudonymiser, account) }, nowIso())
    .catch(retryable);
  return finish(deps, confirmed, change.codeHash);
};
