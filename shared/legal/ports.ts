import type { AuditEntry } from '../audit/trail';
import type { Page, PageRequest } from '../pages';
import type { LegalCategory } from './rules';
import type { LegalRequest, LegalStatus } from './request';

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
}

/** The holds on a person (by any of their identities) still in force at `at`. */
export interface LegalHolds {
  holdsOn(identities: HoldIdentities, at: string): Promise<LegalHold[]>;
}
