import type { AuditEntry } from '../audit/trail';
import type { Page, PageRequest } from '../pages';
import type { LegalCategory } from './rules';
import type { RetentionTagValue } from '../faxes/fax';
import type { FaxHoldState, LegalRequest, LegalStatus } from './request';

/** What a hold keeps of its subject: the categories and time range of its request's scope. */
export interface LegalHold {
  legalRequestId: string;
  categories: LegalCategory[];
  from?: string;
  to?: string;
  /** When it ends; absent while its request is open. */
  holdEndsAt?: string;
}

/** Whose data a hold is placed on: the identities the rest of the service finds a person by. */
export interface HoldIdentities {
  accountId?: string;
  /** The `person-email-v1` digest of the subject's email. */
  emailHash?: string;
}

/** A status change: the status it must still have, the new one, what else changes, and its audit entry. */
export interface LegalMove {
  from: LegalStatus;
  to: LegalStatus;
  changes: Partial<Omit<LegalRequest, 'legalRequestId' | 'status'>>;
  audit: AuditEntry;
}

export interface LegalRequestStore {
  /** Stores a new request with its holds and audit entries, in one transaction. */
  create(request: LegalRequest, holds: HoldIdentities, audit: readonly AuditEntry[]): Promise<void>;
  get(legalRequestId: string): Promise<LegalRequest | undefined>;
  /** Applies `move` if the request still has `move.from` (its holds follow `holdEndsAt`); false when it no longer has. */
  move(legalRequestId: string, move: LegalMove): Promise<boolean>;
  listByStatus(status: LegalStatus, page: PageRequest): Promise<Page<LegalRequest>>;
  /** The requests whose hold has not ended at `at`, oldest first. */
  listHolds(at: string, page: PageRequest): Promise<Page<LegalRequest>>;
  /** Every request that ever placed a hold, ended or not, oldest first: the hold-release step's work list. */
  listAllHolds(page: PageRequest): Promise<Page<LegalRequest>>;
  /** Moves the state of the request's fax holds on, if it is still `from`; false otherwise. */
  markFaxHolds(legalRequestId: string, from: FaxHoldState, to: FaxHoldState): Promise<boolean>;
}

/** A held fax, as the hold needs it. */
export interface HeldFaxRef {
  faxId: string;
  receivedAt: string;
  expiresAt: string;
  documentKey: string;
  /** The requests holding it. */
  legalHolds?: string[];
}

/** The faxes a hold keeps: made to outlive their retention (no TTL while held), and given back when it ends. */
export interface HeldFaxStore {
  /** The account's faxes, expired ones too, page by page. */
  faxesOf(accountId: string): AsyncIterable<readonly HeldFaxRef[]>;
  /** Marks the fax held by the request: its TTL is off while any request holds it. */
  hold(accountId: string, fax: HeldFaxRef, legalRequestId: string): Promise<void>;
  /** Drops the request's hold on the fax; true when no request holds it any more (its TTL is then back). */
  release(accountId: string, fax: HeldFaxRef, legalRequestId: string): Promise<boolean>;
}

/** A document's retention tag, which the fax bucket's lifecycle expires by. */
export interface RetentionTags {
  tagRetention(key: string, value: RetentionTagValue): Promise<boolean>;
}

/** The holds on a person (by any of their identities) still in force at `at`. */
export interface LegalHolds {
  holdsOn(identities: HoldIdentities, at: string): Promise<LegalHold[]>;
}
