import type { UsageStore } from './ports';
import { rollUpClosedMonths } from './rollup';
import type { AccountUsage, MonthRollup } from './usage';

/** The store as the rollup sees it: counters by month, rollups stored once. */
class FakeUsageStore implements UsageStore {
  readonly saved: MonthRollup[] = [];
  readonly read: string[] = [];
  constructor(private readonly usage: Record<string, AccountUsage[]> = {}) {}

  async rollups() {
    return [...this.saved].sort((a, b) => a.month.localeCompare(b.month));
  }
  async latestRollup() {
    return (await this.rollups()).at(-1)?.month;
  }
  async *usageOf(month: string) {
    this.read.push(month);
    yield this.usage[month] ?? [];
  }
  async saveRollup(rollup: MonthRollup) {
    if (!this.saved.some(({ month }) => month === rollup.month)) this.saved.push(rollup);
  }
}

const tenIn212 = (flags: Partial<NonNullable<AccountUsage['account']>> = {}): AccountUsage[] =>
  Array.from({ length: 10 }, (_, n) => ({ faxes: 2, account: { faxNumber: `+1212555${String(n).padStart(4, '0')}`, restricted: false, objectedToProfiling: false, beingRemoved: false, ...flags } }));
const always = () => true;

describe('rollUpClosedMonths', () => {
  it('rolls up the closed months after the latest one rolled up, oldest first, once their grace day is over', async () => {
    // Prepare
    const store = new FakeUsageStore({ '2026-10': tenIn212(), '2026-11': tenIn212() });
    await store.saveRollup({ month: '2026-09', cells: [] });

    // Act: November closed a day and a half ago.
    const summary = await rollUpClosedMonths(store, new Date('2026-12-02T12:00:00.000Z'), always);

    // Assess
    expect(summary).toEqual({ rolledUp: ['2026-10', '2026-11'] });
    expect((await store.rollups()).map(({ month }) => month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(store.saved.find(({ month }) => month === '2026-11')?.cells).toEqual([{ key: '212', accounts: 10, faxes: 20 }]);
  });

  it('leaves a month that ended within the grace day, and the current month, unrolled', async () => {
    // Prepare
    const store = new FakeUsageStore();
    await store.saveRollup({ month: '2026-10', cells: [] });

    // Act
    const summary = await rollUpClosedMonths(store, new Date('2026-12-01T23:00:00.000Z'), always);

    // Assess
    expect(summary).toEqual({ rolledUp: [] });
    expect(store.read).toEqual([]);
  });

  it('starts, with nothing rolled up yet, at the oldest month whose counters are still kept', async () => {
    // Act: counters are kept 93 days after their month ends.
    const summary = await rollUpClosedMonths(new FakeUsageStore(), new Date('2026-12-15T00:00:00.000Z'), always);

    // Assess
    expect(summary).toEqual({ rolledUp: ['2026-09', '2026-10', '2026-11'] });
  });

  it('never changes a month once rolled up: a customer who restricts processing later is in a report taken later as before, so no difference singles them out', async () => {
    // Prepare
    const usage = { '2026-11': tenIn212() };
    const store = new FakeUsageStore(usage);
    await rollUpClosedMonths(store, new Date('2026-12-02T12:00:00.000Z'), always);
    const before = await store.rollups();
    usage['2026-11'] = [...tenIn212().slice(1), ...tenIn212({ restricted: true }).slice(0, 1)];

    // Act
    const summary = await rollUpClosedMonths(store, new Date('2026-12-05T12:00:00.000Z'), always);

    // Assess
    expect(summary).toEqual({ rolledUp: [] });
    expect(await store.rollups()).toEqual(before);
  });

  it('stops between months when its time runs out, leaving the rest to the next run', async () => {
    // Prepare
    const store = new FakeUsageStore();
    await store.saveRollup({ month: '2026-08', cells: [] });
    let months = 0;

    // Act
    const summary = await rollUpClosedMonths(store, new Date('2026-12-02T12:00:00.000Z'), () => (months += 1) <= 2);

    // Assess
    expect(summary).toEqual({ rolledUp: ['2026-09', '2026-10'] });
  });

  it('stores nothing of a month it could not read whole, and fails loudly (the schedule retries)', async () => {
    // Prepare
    const store = new FakeUsageStore();
    await store.saveRollup({ month: '2026-10', cells: [] });
    store.usageOf = async function* () {
      yield tenIn212();
      throw new Error('throttled');
    };

    // Act
    const run = rollUpClosedMonths(store, new Date('2026-12-02T12:00:00.000Z'), always);

    // Assess
    await expect(run).rejects.toThrow('throttled');
    expect(await store.latestRollup()).toBe('2026-10');
  });
});
