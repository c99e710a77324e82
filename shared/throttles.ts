/**
 * A fixed-window counter per key: how many requests a source made in the current window. Used by
 * every rule that limits requests per someone (junk-fax reporters, sign-ups); the DynamoDB
 * adapter is `shared/adapters/dynamo/windows.ts`.
 */
export interface Throttle {
  /** Counts one request of `key` in the window starting at `windowStart`; false when `limit` were already counted. */
  take(key: string, windowStart: Date, limit: number, windowMs: number): Promise<boolean>;
}

/** The start of the fixed window of `windowMs` that holds `at` (windows aligned on the epoch: days start at 00:00 UTC). */
export const windowStart = (at: Date, windowMs: number): Date => new Date(at.getTime() - (at.getTime() % windowMs));
