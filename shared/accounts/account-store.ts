import type { Account, ConsentRecord, Preferences, ProfileChanges } from './account';

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
   * not there or quarantined, `UniqueValueTaken('faxNumber')` when another account holds it.
   */
  create(account: Account, consents: ConsentRecord[]): Promise<void>;
  get(accountId: string): Promise<Account | undefined>;
  accountIdByEmail(email: string): Promise<string | undefined>;
  accountIdByReferralCode(code: string): Promise<string | undefined>;
  /** Applies changes to an active account last read as `current`, moving the email claim if it changes. */
  updateProfile(current: Account, changes: ProfileChanges, updatedAt: string): Promise<Account>;
  /** Sets preferences of an active account last read as `current`, with the consent records they imply. */
  updatePreferences(current: Account, preferences: Preferences, consents: ConsentRecord[], updatedAt: string): Promise<Account>;
  /** Marks an active account deactivated; false when it already was. */
  deactivate(accountId: string, deactivatedAt: string): Promise<boolean>;
}
