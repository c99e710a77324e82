import type { AccountUsage, MonthRollup } from './usage';

/** The usage counters the inbox keeps per account and month, and the rollups made of them. */
export interface UsageStore {
  /** Every month rolled up, oldest first. */
  rollups(): Promise<MonthRollup[]>;
  /** The latest month rolled up (`yyyy-mm`), if any. */
  latestRollup(): Promise<string | undefined>;
  /** Every account that received faxes in `month`, with its count and the account as it stands, a page at a time. */
  usageOf(month: string, at: Date): AsyncIterable<AccountUsage[]>;
  /** Stores a month's rollup, unless that month has one already: a rollup is never replaced. */
  saveRollup(rollup: MonthRollup, rolledUpAt: string): Promise<void>;
}
