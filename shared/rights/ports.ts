import type { RightsRequestVerifiedV1 } from '../../events/rights-request-verified';
import type { AuditEntry } from '../audit/trail';
import type { Page, PageRequest } from '../pages';
import type { RightsRequest, RightsStatus } from './request';

/** The statuses a request may stall in on its way to fulfilment: its hand-over or its fulfilment failed. */
export type StalledStatus = Extract<RightsStatus, 'verified' | 'in_progress'>;

/**
 * Where rights requests live. Counting a code, settling a verification and each fulfilment step
 * are atomic in the store; every change of status appends its entry to the request's audit trail
 * (`rights-request:<id>`) in the same write.
 */
export interface RightsRequestStore {
  /** Stores a new request (with its person and status listings). */
  create(request: RightsRequest): Promise<void>;
  get(requestId: string): Promise<RightsRequest | undefined>;
  /**
   * Counts one code tried against a request awaiting verification, before it is compared: the
   * request as counted, or undefined when it awaits none or has used its `maxAttempts` tries.
   */
  countCodeAttempt(requestId: string, maxAttempts: number): Promise<RightsRequest | undefined>;
  /**
   * Ends the verification of a request still awaiting the code with digest `codeHash`, as
   * `verified` or `rejected`, dropping the code; false when it no longer awaited that code.
   */
  settleVerification(requestId: string, codeHash: string, outcome: 'verified' | 'rejected', settledAt: string): Promise<boolean>;
  /**
   * Moves a `verified` request to `in_progress`: the request as it now stands when it is (or
   * already was) in progress, undefined when it is not open to fulfilment (completed, rejected, gone).
   */
  beginFulfilment(requestId: string, startedAt: string): Promise<RightsRequest | undefined>;
  /**
   * Completes an `in_progress` request with its result. `forgetRequester` (erasure) drops its
   * personal fields at the same time, keeping the non-identifying record. False when it was no
   * longer in progress (a twin completed it).
   */
  /** Puts an erasure `in_progress` on hold (a legal hold on its person), with its result and audit entry; false when it is not in progress. */
  holdForLegalHold(requestId: string, at: string): Promise<boolean>;
  complete(requestId: string, completion: { result?: Record<string, unknown>; completedAt: string; forgetRequester: boolean }): Promise<boolean>;
  /**
   * The ids of requests that entered `status` (were verified, or started) before `before` and
   * have not been re-queued since `before`: at most `limit`.
   */
  stalled(status: StalledStatus, before: Date, limit: number): Promise<string[]>;
  /** Notes that a stalled request was queued again, so it is not re-queued before it could run. */
  noteRequeued(requestId: string, requeuedAt: string): Promise<void>;
}

/** The rights requests queue: verified requests awaiting fulfilment. */
export interface RightsRequestQueue {
  /** Queues the event, tagged with the HTTP request that caused it, when one did. */
  send(event: RightsRequestVerifiedV1, requestId?: string): Promise<void>;
}

/** Which requests of a listing by due date: those due before an instant, or those not due before it. */
export type DueSelection = { before: string } | { notBefore: string };

/** What the deadlines do to requests: each change conditional, committed with its audit entry (whose `at` is the change's time). */
export interface RightsDeadlineStore {
  get(requestId: string): Promise<RightsRequest | undefined>;
  /** A page of the requests of a status, earliest due first, optionally only those `due` selects. */
  listByStatus(status: RightsStatus, due: DueSelection | undefined, page: PageRequest): Promise<Page<RightsRequest>>;
  /** Marks overdue a request still owed an answer, still due at `dueAt`, not marked yet; false otherwise. */
  markOverdue(requestId: string, dueAt: string, audit: AuditEntry): Promise<boolean>;
  /** Rejects a request still awaiting a code that expired before `audit.at`; false otherwise. */
  rejectUnverified(requestId: string, audit: AuditEntry): Promise<boolean>;
  /**
   * Extends a request still owed an answer, never extended, still due at `previousDueAt` and not
   * past it at `audit.at`, to `dueAt`, with the admin's reason; false when any of that no longer held.
   */
  extend(requestId: string, extension: { previousDueAt: string; dueAt: string; reason: string }, audit: AuditEntry): Promise<boolean>;
}

/** Where access and portability exports live (the exports bucket): private, encrypted, expiring. */
export interface ExportStore {
  /** Writes the document from its chunks as they come, never whole in memory; writing a key again replaces it. */
  save(key: string, chunks: AsyncIterable<string>): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** A presigned GET URL of the object, valid for `expiresInSeconds`. */
  downloadUrl(key: string, expiresInSeconds: number): Promise<string>;
  /** Deletes the objects (an erasure); a key with no object is success. */
  removeAll(keys: readonly string[]): Promise<void>;
}
