import type { Profile } from './schemas';

/** An account's lifecycle: `active` until the customer (or an admin) deactivates it. */
export const ACCOUNT_STATUSES = ['active', 'deactivated'] as const;
type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

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
  preferences: Preferences;
  processing: Processing;
  billing: Billing;
  referralCode: string;
  referredByAccountId?: string;
  /** The privacy policy version the customer accepted at sign-up. */
  policyVersion: string;
  /** Incremented on every change; writes are conditional on it (optimistic concurrency). */
  version: number;
}

type ConsentKind = 'terms' | 'privacy_policy' | 'marketing';

/** Proof of a consent given or withdrawn: what, which version, when and how. */
export interface ConsentRecord {
  consentId: string;
  kind: ConsentKind;
  granted: boolean;
  version: string;
  recordedAt: string;
  method: 'account_set_up_form' | 'preferences';
}

/** The profile fields a customer may correct with PATCH /me. */
export type ProfileChanges = Partial<Pick<Account, 'company' | 'contactName' | 'phone' | 'email'>>;

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
});
