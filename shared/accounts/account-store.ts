import type { AuditEntry } from '../audit/trail';
import type { ReferralRef } from '../referrals/referral';
import type { Account, ConsentRecord, Deactivator, Preferences, ProfileChanges } from './account';

/** A unique value (email, fax number, referral code) that another live account already holds. */
export class UniqueValueTaken extends Error {
  constructor(readonly field: 'email' | 'faxNumber' | 'referralCode') {
    super(`${field} already taken`);
    this.name = 'UniqueValueTaken';
  }
}

/** The fax number is not the service's to give: not in its inventory, or quarantined. */
export class FaxNumberUnavailable extends Error {
  constructor() {
    super('fax number not available');
    this.name = 'FaxNumberUnavailable';
  }
}

/**
 * The referral an activation was to convert is not there to convert: gone (its referrer or friend
 * was erased meanwhile), or converted already by an earlier sign-up of the email.
 */
export class ReferralGone extends Error {
  constructor() {
    super('referral gone');
    this.name = 'ReferralGone';
  }
}

/** The account changed (or was deactivated) between reading and writing it. */
export class AccountChanged extends Error {
  constructor() {
    super('account changed concurrently');
    this.name = 'AccountChanged';
  }
}

/** Where accounts live. Every write that must be unique or exactly-once is atomic in the store. */
export interface AccountStore {
  /**
   * Creates the account with its consent records, claiming email and referral code and assigning
   * it the fax number, which must be available in the inventory: `FaxNumberUnavailable` when it is
   * not there or quarantined, `UniqueValueTaken('faxNumber')` when another account holds it. A
   * pending account is listed as awaiting its login (until `markLoginProvisioned`, even once active)
   * and as unproven (until it is activated or removed).
   */
  create(account: Account, consents: ConsentRecord[]): Promise<void>;
  get(accountId: string): Promise<Account | undefined>;
  accountIdByEmail(email: string): Promise<string | undefined>;
  accountIdByReferralCode(code: string): Promise<string | undefined>;
  /**
   * Applies changes to an account last read as `current` (active, or deactivated: a rights request
   * still corrects it; never a pending sign-up), moving the email claim if it changes.
   */
  updateProfile(current: Account, changes: ProfileChanges, updatedAt: string): Promise<Account>;
  /**
   * Sets preferences (and the processing choices a rights request made, when given) of an account
   * last read as `current`, as `updateProfile`, with the consent records they imply and the audit
   * entries of the choices, all at once.
   */
  updatePreferences(
    current: Account,
    preferences: Preferences,
    consents: ConsentRecord[],
    updatedAt: string,
    processing?: Account['processing'],
    audit?: readonly AuditEntry[],
  ): Promise<Account>;
  /** Marks an active account deactivated by `by`, unless its removal began; false when it was not active or is being removed. */
  deactivate(accountId: string, deactivatedAt: string, by: Deactivator): Promise<boolean>;

  /**
   * Makes a pending account active, unless its removal began, dropping its `referralId`; the
   * account as it then is, or undefined when it was not pending. The referral `converts`, when
   * given, is converted in the same write, or nothing is written: `ReferralGone` when it is gone
   * or converted already.
   */
  activate(accountId: string, activatedAt: string, converts?: ReferralRef): Promise<Account | undefined>;
  /** Records that the account's login exists and its invitation is on its way: it no longer awaits its login. */
  markLoginProvisioned(accountId: string, provisionedAt: string): Promise<void>;
  /** Accounts awaiting their login whose `account.created` was last sent (or created) before `before`. */
  awaitingLogin(before: Date, limit: number): Promise<string[]>;
  /** Notes that `account.created` was sent again for an account awaiting its login. */
  noteLoginRequested(accountId: string, sentAt: string): Promise<void>;
  /** Accounts created before `before` that are still pending (the sign-up expiry). */
  unprovenSince(before: Date, limit: number): Promise<string[]>;
  /**
   * Starts removing a sign-up still pending and created before `createdBefore`: from then on it
   * can no longer be activated. The account, or undefined when it is gone, active or younger.
   */
  beginExpiry(accountId: string, createdBefore: Date): Promise<Account | undefined>;
  /** Deletes an account whose expiry began, its consents and claims, freeing its number at once. */
  removeExpired(account: Account, at: string): Promise<void>;
  /**
   * Starts erasing an account (as `beginExpiry` does an expiry): from then on no token reaches it,
   * no profile write lands and no schedule lists it. The account, or undefined when there is none.
   */
  beginErasure(accountId: string): Promise<Account | undefined>;
  /** Hands an erased account's number back to the inventory, quarantined until `until`; nothing when it no longer holds it. */
  quarantineNumber(account: Account, at: string, until: string): Promise<void>;
  /** Deletes an account whose erasure began, with its email and referral-code claims, at once; nothing when it is gone. */
  removeErased(account: Account): Promise<void>;

  /**
   * Counts one more code tried against the account's email change, if it has one with fewer than
   * `maxAttempts` tries; the account as it then is, or undefined.
   */
  countCodeAttempt(accountId: string, maxAttempts: number): Promise<Account | undefined>;
  /** Drops the email change whose code has this digest (locked out); no-op when it is gone. */
  dropEmailChange(accountId: string, codeHash: string): Promise<void>;
  /** Notes that the login has the account's email, unless a later change noted it out of date again (`loginEmailOutdatedAt` differs). */
  noteLoginEmailCurrent(accountId: string, outdatedAt: string): Promise<void>;
  /** Accounts whose login's email was noted out of date before `before` (the re-drive). */
  loginEmailsOutdated(before: Date, limit: number): Promise<string[]>;
}
