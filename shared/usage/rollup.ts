import { DAY_MS } from '../throttle';
import { monthsOf, monthStart } from '../months';
import type { UsageStore } from './ports';
import { MonthTally } from './usage';

/**
 * A month is rolled up this long after it ends, not at once: a fax accepted in its last second
 * may still be on its way through the queue (retries included), and the index the rollup reads
 * trails the counters by a moment.
 */
const USAGE_ROLLUP_GRACE_DAYS = 1;

/** A month's usage counters are kept this long after it ends (TTL): long enough for the rollup to catch up after an outage of weeks. */
export const USAGE_COUNTER_RETENTION_DAYS = 93;

/** When the usage counters of the month `at` falls in expire. */
export const usageCounterExpiry = (at: Date): Date => new Date(monthStart(at, 1).getTime() + USAGE_COUNTER_RETENTION_DAYS * DAY_MS);

/**
 * Rolls up, oldest first, every closed month (its grace day over) after the latest one rolled up
 * whose counters are still kept. Each month is read whole, then stored once: a run that runs out
 * of time, or fails, leaves the month for the next run; an overlapping run's copy changes nothing.
 */
export const rollUpClosedMonths = async (store: UsageStore, at: Date, hasTimeLeft: () => boolean): Promise<{ rolledUp: string[] }> => {
  const lastClosed = monthStart(new Date(at.getTime() - USAGE_ROLLUP_GRACE_DAYS * DAY_MS), -1);
  const oldestKept = new Date(at.getTime() - USAGE_COUNTER_RETENTION_DAYS * DAY_MS);
  const latest = await store.latestRollup();
  const afterLatest = latest === undefined ? oldestKept : monthStart(new Date(`${latest}-01T00:00:00.000Z`), 1);
  const since = afterLatest > oldestKept ? afterLatest : oldestKept;
  const rolledUp: string[] = [];
  for (const month of monthsOf({ since, until: lastClosed })) {
    if (!hasTimeLeft()) break;
    const tally = new MonthTally();
    for await (const page of store.usageOf(month, at)) for (const usage of page) tally.add(usage);
    await store.saveRollup(tally.publish(month), at.toISOString());
    rolledUp.push(month);
  }
  return { rolledUp };
};

