import type { Profile } from './schemas';

/**
 * An account's lifecycle: `pending` from sign-up until its owner first signs in with the
 * invitation sent to its email (the proof that the email is theirs), then `active` until the
 * customer (or an admin) deactivates it. A sign-up still pending `SIGNUP_PROOF_DAYS` after it was
 * made is removed.
 */
export const ACCOUNT_STATUSES = ['pending', 'active', 'deactivated'] as const;
type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export type Deactivator = 'customer' | 'admin';

export interface Preferences {
  marketingOptIn: boolean;
  optOutAll: boolean;
  businessTransitionOptOut: boolean;
}

interface Processing {
  restricted: boolean;
  objectedToProfiling: boolean;
}

/** What the payment processor lets us keep: its token, never the card number. */
interface Billing {
  processorToken: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface Account {
  accountId: string;
  company: string;
  contactName: string;
  phone: string;
  email: string;
  faxNumber: string;
  status: AccountStatus;
  createdAt: string;
  updatedAt: string;
  deactivatedAt?: string;
  /** Who deactivated it: its owner (DELETE /me) or an admin's decision. */
  deactivatedBy?: Deactivator;
  /** When its owner first signed in (the account became active). */
  activatedAt?: string;
  /** When the login was provisioned and its invitation handed to the email pipeline. */
  loginProvisionedAt?: string;
  /** A new email awaiting its code (PATCH /me, POST /me/email/verify). */
  emailChange?: EmailChange;
  /**
   * When the account took a proven new email that its login may not have yet: set with the email,
   * removed once the login has it (a verification retried, or the re-drive, finishes it).
   */
  loginEmailOutdatedAt?: string;
  preferences: Preferences;
  processing: Processing;
  billing: Billing;
  referralCode: string;
  referredByAccountId?: string;
  /**
   * The referrer's latest referral of the sign-up's email, when there was one: the referral its
   * proof converts (activation). Dropped at activation, its purpose served.
   */
  referralId?: string;
  /** The privacy policy version the customer accepted at sign-up. */
  policyVersion: string;
  /** Incremented on every change; writes are conditional on it (optimistic concurrency). */
  version: number;
  /**
   * The keyed digests (`personEmailHash`) of the emails the account held before its current one,
   * oldest first: what its person filed under them (rights requests, public junk-fax reports) is
   * theirs too, and their erasure finds it by these. Never the emails themselves.
   */
  formerEmailHashes?: string[];
  /**
   * Set once the account's removal began: an unproven sign-up's expiry, or the erasure of its
   * person. From then on no token reaches it (404) and it is never activated again.
   */
  removal?: 'expiry' | 'erasure';
}

/** A requested change of email, proven by the code sent to the new address. The code is kept only as a keyed digest. */
interface EmailChange {
  email: string;
  codeHash: string;
  codeExpiresAt: string;
  /** Codes tried so far, counted before each is compared, so concurrent guesses each use one. */
  attempts: number;
}

/**
 * What a consent record is about: the terms, the privacy policy, marketing, all communication
 * (`granted: false` is `optOutAll`) and the use of the customer's data by a business transition's
 * new owner (`granted: false` is `businessTransitionOptOut`).
 */
type ConsentKind = 'terms' | 'privacy_policy' | 'marketing' | 'communications' | 'business_transition';

/** Proof of a consent given or withdrawn: what, which version, when and how. */
export interface ConsentRecord {
  consentId: string;
  kind: ConsentKind;
  granted: boolean;
  version: string;
  recordedAt: string;
  /** How it was given: the sign-up form, `PUT /me/preferences`, a rights request, or a signed link of an email (`POST /unsubscribe`). */
  method: 'account_set_up_form' | 'preferences' | 'rights_request' | 'email_link';
}

/** What a profile update writes: the fields PATCH /me corrects, a pending email change, the email once proven (with its login's note and the former email's digest). */
export type ProfileChanges = Partial<Pick<Account, 'company' | 'contactName' | 'phone' | 'email' | 'emailChange' | 'formerEmailHashes' | 'loginEmailOutdatedAt'>>;

/** Emails are compared case-insensitively everywhere; this is their one canonical form. */
export const canonicalEmail = (email: string): string => email.trim().toLowerCase();

/** The customer's view of their account (GET /me): everything but the processor token. */
export const profileView = (account: Account): Profile => ({
  accountId: account.accountId,
  company: account.company,
  contactName: account.contactName,
  phone: account.phone,
  email: account.email,
  faxNumber: account.faxNumber,
  status: account.status,
  createdAt: account.createdAt,
  preferences: account.preferences,
  processing: account.processing,
  billing: {
    brand: account.billing.brand,
    last4: account.billing.last4,
    expMonth: account.billing.expMonth,
    expYear: account.billing.expYear,
  },
  referralCode: account.referralCode,
  ...(account.emailChange ? { pendingEmail: account.emailChange.email } : {}),
});
