import { now, nowIso } from '../clock';
import type { EmailOutbox } from '../email/outbox';
import { BusinessRuleViolation, Conflict, Gone } from '../errors';
import { drain } from '../jobs/drain';
import { hasExpired, newOneTimeCode, ONE_TIME_CODE_ATTEMPTS, oneTimeCodeExpiry, takeCodeIssue, takeCodeTry, type CodeLimits } from '../one-time-codes';
import { personEmailHash, type Pseudonymiser } from '../pseudonyms';
import type { Throttle } from '../throttle';
import { canonicalEmail, profileView, type Account, type ProfileChanges } from './account';
import { UniqueValueTaken, type AccountStore } from './account-store';
import type { LoginDirectory } from './logins';
import { activeOwnAccount, retryable } from './profile';

/** A code is kept only as a keyed digest, salted by the account and the address it proves. */
const codeHashOf = (pseudonymiser: Pseudonymiser, accountId: string, email: string, code: string) =>
  pseudonymiser.pseudonym('email-change-code-v1', [accountId, email, code]);

/**
 * The email-change codes of one account, across its changes: 5 sent and 10 tried a day. Without
 * them each PATCH /me gave 5 more guesses at a code for an address the caller does not own.
 */
export const EMAIL_CHANGE_CODE_LIMITS: CodeLimits = { issuedPerDay: 5, triedPerDay: 10 };
// The limits' own digest purpose (not the account id itself): their counters can be joined with nothing else.
const limitsSubjectOf = (pseudonymiser: Pseudonymiser, accountId: string) => pseudonymiser.pseudonym('email-change-limits-v1', [accountId]);

/** How long a confirmed change may wait for its login before the re-drive finishes it: a verification finishing it now is left alone. */
const LOGIN_EMAIL_STRANDED_AFTER_MS = 60_000;

interface ProfileDeps {
  accounts: AccountStore;
  emails: EmailOutbox;
  pseudonymiser: Pseudonymiser;
  throttle: Throttle;
}

/**
 * PATCH /me. Company, contact name and phone change at once. A new email is not taken on the
 * caller's word: it is stored as the account's pending email change, with a fresh code (replacing
 * any earlier change, but not the day's limits) emailed to the new address; the account keeps its
 * email until the code is verified. Past `EMAIL_CHANGE_CODE_LIMITS`, 429 with nothing stored or
 * sent. An email another live account holds is answered alike (the caller could otherwise probe
 * any address for an account), but no code is sent to it: it would tell its owner of a change
 * they did not ask for, and the claim refuses the change at verification anyway.
 */
export const updateProfile = async (deps: ProfileDeps, accountId: string, changes: ProfileChanges, requestId: string) => {
  const current = await activeOwnAccount(deps.accounts, accountId);
  const { email: requested, ...fields } = changes;
  const email = requested === undefined ? undefined : canonicalEmail(requested);
  if (email === undefined || email === current.email) {
    return profileView(await deps.accounts.updateProfile(current, fields, nowIso()).catch(retryable));
  }
  await takeCodeIssue(deps.throttle, await limitsSubjectOf(deps.pseudonymiser, accountId), EMAIL_CHANGE_CODE_LIMITS);
  const holder = await deps.accounts.accountIdByEmail(email);
  const code = newOneTimeCode();
  const emailChange = {
    email,
    codeHash: await codeHashOf(deps.pseudonymiser, accountId, email, code),
    codeExpiresAt: oneTimeCodeExpiry(),
    attempts: 0,
  };
  const updated = await deps.accounts.updateProfile(current, { ...fields, emailChange }, nowIso()).catch(retryable);
  if (holder !== undefined && holder !== accountId) return profileView(updated);
  // Stored first: should the pipeline refuse, the request fails and its retry makes a new code
  // (the account's new version names a new message).
  await deps.emails.request(
    { template: 'email-change-code', messageId: `email-change-code#${accountId}#${updated.version}`, to: email, params: { code } },
    requestId,
  );
  return profileView(updated);
};

/** The account's former emails' digests with its current one added: its erasure finds what was filed under them. */
const formerEmailHashesOf = async (pseudonymiser: Pseudonymiser, account: Account) => [
  ...(account.formerEmailHashes ?? []),
  await personEmailHash(pseudonymiser, account.email),
];

interface LoginEmailDeps {
  accounts: AccountStore;
  logins: LoginDirectory;
}

/**
 * Gives the login the email the account took, then notes that it has it. Should the pool fail,
 * the account still notes the login's email as out of date: a verification retried (with no code
 * counted) or the re-drive finishes it.
 */
const finishLoginEmail = async (deps: LoginEmailDeps, account: Account): Promise<Account> => {
  const { loginEmailOutdatedAt, ...finished } = account;
  // A login still to be made (a local token activated the account first) is made with the
  // account's email as it then stands: there is none to change yet.
  if (loginEmailOutdatedAt === undefined || account.loginProvisionedAt === undefined) return account;
  await deps.logins.changeEmail(account.accountId, account.email);
  await deps.accounts.noteLoginEmailCurrent(account.accountId, loginEmailOutdatedAt);
  return finished;
};

interface VerifyDeps extends LoginEmailDeps {
  pseudonymiser: Pseudonymiser;
  throttle: Throttle;
}

/**
 * POST /me/email/verify. Each code tried counts before it is compared, toward the change's 5
 * tries and the account's tries of the day (429 past them), so concurrent guesses each count.
 * The right code within 15 minutes moves the email claim and the account's email in one
 * transaction, noting the login's email as out of date, then gives the login the email. A change
 * whose login did not follow (the pool failed) is finished by the next verification, whatever
 * its code, counting nothing: the code was proven already. No change pending (never asked for,
 * finished, or dropped after the 5th wrong try): 409. An expired code: 410 (PATCH /me again for
 * a new one). A wrong code and an email the claim refuses (another account holds it) are one
 * 422, so the answer tells nothing of other accounts.
 */
export const verifyEmail = async (deps: VerifyDeps, accountId: string, code: string) => {
  const account = await activeOwnAccount(deps.accounts, accountId);
  const noChange = () => new Conflict('No email change is pending: change the email with PATCH /me first.');
  if (!account.emailChange) {
    if (account.loginEmailOutdatedAt !== undefined) return profileView(await finishLoginEmail(deps, account));
    throw noChange();
  }
  await takeCodeTry(deps.throttle, await limitsSubjectOf(deps.pseudonymiser, accountId), EMAIL_CHANGE_CODE_LIMITS);
  const counted = await deps.accounts.countCodeAttempt(accountId, ONE_TIME_CODE_ATTEMPTS);
  const change = counted?.emailChange;
  if (!counted || !change) throw noChange();
  if (hasExpired(change.codeExpiresAt)) throw new Gone('The code has expired: change the email with PATCH /me again for a new one.');
  const refused = async () => {
    if (change.attempts >= ONE_TIME_CODE_ATTEMPTS) await deps.accounts.dropEmailChange(accountId, change.codeHash);
    return new BusinessRuleViolation('The code is not valid or the email cannot be used.');
  };
  if ((await codeHashOf(deps.pseudonymiser, accountId, change.email, code)) !== change.codeHash) throw await refused();
  const { emailChange: _proven, ...proven } = counted;
  const at = nowIso();
  const confirmed = await deps.accounts.updateProfile(proven, { email: change.email, loginEmailOutdatedAt: at, formerEmailHashes: await formerEmailHashesOf(deps.pseudonymiser, proven) }, at).catch(async (error: unknown) => {
    if (error instanceof UniqueValueTaken) throw await refused();
    return retryable(error);
  });
  return profileView(await finishLoginEmail(deps, confirmed));
};

/**
 * The re-drive of email changes whose login did not follow: each account noted out of date for a
 * while gets its login's email set again (idempotent), whether or not its owner retries.
 */
export const redriveLoginEmails = async (deps: LoginEmailDeps, hasTimeLeft: () => boolean, batchSize = 100) => {
  const before = new Date(now().getTime() - LOGIN_EMAIL_STRANDED_AFTER_MS);
  const loginEmailsFinished = await drain({
    next: (limit) => deps.accounts.loginEmailsOutdated(before, limit),
    idOf: (accountId) => accountId,
    handle: async (accountId) => {
      const account = await deps.accounts.get(accountId);
      // One being removed is left alone: its removal deletes the login.
      if (account && !account.removal) await finishLoginEmail(deps, account);
    },
    hasTimeLeft,
    batchSize,
  });
  return { loginEmailsFinished };
};
