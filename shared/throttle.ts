import { TooManyRequests } from './errors';

// The limits that stop a source, an email or an account from repeating something too often (junk-fax
// reports, one-time codes issued and tried): one port for every such counter, each decided by one
// conditional write in the store, never by reading first.

/** A day, the window of the per-day limits. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The start of the fixed window of `windowMs` that `at` falls in (windows are aligned on the epoch: a day window is a UTC day). */
export const windowStartOf = (at: Date, windowMs: number): Date => new Date(at.getTime() - (at.getTime() % windowMs));

/** Whole seconds from `at` until `until`, at least 1: a `Retry-After` that never says "now" while still refused. */
export const secondsUntil = (at: Date, until: Date): number => Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000));

/** Counters per key: fixed windows of requests, and holds of a bounded number of places. */
export interface Throttle {
  /** Counts one request of `key` in the window starting at `windowStart`; false when `limit` were already counted. */
  take(key: string, windowStart: Date, limit: number, windowMs: number): Promise<boolean>;
  /**
   * Takes one of `key`'s `capacity` places until `until` (ISO), if one is free at `at` (never
   * taken, or its hold ended); false when all are held. A place is never given back early: it frees
   * itself when its hold ends.
   */
  hold(key: string, capacity: number, at: string, until: string): Promise<boolean>;
}

/**
 * Counts one request of `key` in the fixed window of `windowMs` that `at` falls in; when `limit`
 * were already counted, refuses it with a 429 whose `Retry-After` is the window's end.
 */
export const takeOrRefuse = async (throttle: Throttle, key: string, limit: number, windowMs: number, at: Date, detail: string): Promise<void> => {
  const windowStart = windowStartOf(at, windowMs);
  if (!(await throttle.take(key, windowStart, limit, windowMs))) throw new TooManyRequests(detail, secondsUntil(at, new Date(windowStart.getTime() + windowMs)));
};
