import type { RightsRequestVerifiedV1 } from '../../events/rights-request-verified';
import type { RightsRequest } from './request';

/** Where rights requests live. Counting a code, settling a verification and each fulfilment step are atomic in the store. */
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
  complete(requestId: string, completion: { result?: Record<string, unknown>; completedAt: string; forgetRequester: boolean }): Promise<boolean>;
}

/** The rights requests queue: verified requests awaiting fulfilment. */
export interface RightsRequestQueue {
  /** Queues the event, tagged with the HTTP request that caused it, when one did. */
  send(event: RightsRequestVerifiedV1, requestId?: string): Promise<void>;
}

/** Where access and portability exports live (the exports bucket): private, encrypted, expiring. */
export interface ExportStore {
  /** Writes the document from its chunks as they come, never whole in memory; writing a key again replaces it. */
  save(key: string, chunks: AsyncIterable<string>): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** A presigned GET URL of the object, valid for `expiresInSeconds`. */
  downloadUrl(key: string, expiresInSeconds: number): Promise<string>;
}
