import type { LegalCategory, LegalKind, Withheld } from './rules';

// A legal request and its state machine (API.md, "Legal requests"): received → awaiting_fee →
// notice_period → ready → produced, or objected / rejected from any open status. Each move is one
// conditional write on the status read, with its audit entry (shared/adapters/dynamo/legal-store.ts).

export const LEGAL_STATUSES = ['received', 'awaiting_fee', 'notice_period', 'ready', 'produced', 'objected', 'rejected'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

/** The statuses a request may move to from each status: the whole machine. */
const NEXT: Readonly<Record<LegalStatus, readonly LegalStatus[]>> = {
  received: ['awaiting_fee', 'objected', 'rejected'],
  // No notice owed, or the quash window already over when the fee comes: straight to ready.
  awaiting_fee: ['notice_period', 'ready', 'objected', 'rejected'],
  notice_period: ['ready', 'objected', 'rejected'],
  ready: ['produced', 'objected', 'rejected'],
  produced: [],
  objected: [],
  rejected: [],
};

/** Whether the machine allows `from` → `to`. */
export const canMove = (from: LegalStatus, to: LegalStatus): boolean => NEXT[from].includes(to);

/** The statuses of a request still being handled: its subject's data is held throughout. */
export const OPEN_STATUSES = (Object.keys(NEXT) as LegalStatus[]).filter((status) => NEXT[status].length > 0);

/** Who the request is about: at least one of these, as the requester named them. */
export interface LegalSubject {
  email?: string;
  faxNumber?: string;
  accountId?: string;
}

export interface LegalRequester {
  name: string;
  organization: string;
  email: string;
  address: string;
}

export interface LegalScope {
  from?: string;
  to?: string;
  categories: LegalCategory[];
}

/**
 * Where the hold on the subject's faxes stands: `pending` until every fax in scope is marked held
 * (TTL off, document re-tagged), `placed` until the hold ended and they were given back, `released`.
 */
export type FaxHoldState = 'pending' | 'placed' | 'released';

/** Whether the customer was told of the request (never whom: the account's email is not copied). */
export type NoticeState = 'owed' | 'prohibited' | 'not_owed' | 'no_customer';

export interface LegalRequest {
  legalRequestId: string;
  kind: LegalKind;
  status: LegalStatus;
  requester: LegalRequester;
  subject: LegalSubject;
  /** The account the subject resolved to when the request was received, if any. */
  accountId?: string;
  scope: LegalScope;
  documentRefs: string[];
  consentDocumentRef?: string;
  noticeProhibited: boolean;
  notice: NoticeState;
  withheld: Withheld[];
  feeDueCents: number;
  receivedAt: string;
  /** While notice is owed: the end of the customer's window to move to quash. */
  quashEndsAt?: string;
  feePaidCents?: number;
  feePaidAt?: string;
  producedAt?: string;
  production?: { key: string; expiresAt: string; counts: Record<string, number> };
  closedAt?: string;
  closingReason?: string;
  /** When the hold on the subject's data ends: absent while open (held until closed). */
  holdEndsAt?: string;
  /** The hold on the subject's faxes, when the scope holds faxes of an account. */
  faxHolds?: FaxHoldState;
}
