import type { RightsRequest } from './request';

/** Where rights requests live. Counting a code and settling a verification are atomic in the store. */
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
}
