import fc from 'fast-check';
import { areaCodeOf, MonthTally, OTHER_AREAS, SUPPRESSED_BELOW, usageReport, type AccountUsage, type MonthRollup } from './usage';

/** An account of `faxNumber` that received `faxes` in the month, counted unless a flag says otherwise. */
const usage = (faxNumber: string, faxes = 1, flags: Partial<NonNullable<AccountUsage['account']>> = {}): AccountUsage => ({
  faxes,
  account: { faxNumber, restricted: false, objectedToProfiling: false, beingRemoved: false, ...flags },
});
const numberIn = (areaCode: string, n: number) => `+1${areaCode}555${String(n).padStart(4, '0')}`;
/** `count` accounts in an area code, each with `faxes` faxes. */
const accountsIn = (areaCode: string, count: number, faxes = 1) => Array.from({ length: count }, (_, n) => usage(numberIn(areaCode, n), faxes));

const rollUp = (month: string, usages: AccountUsage[]): MonthRollup => {
  const tally = new MonthTally();
  for (const one of usages) tally.add(one);
  return tally.publish(month);
};

describe('areaCodeOf', () => {
  it.each([
    ['+12125550100', '212'],
    ['+14155550100', '415'],
    ['+11235550100', undefined], // no NANP area code starts with 1
    ['+442071234567', undefined],
    ['+1212555010', undefined],
  ])('%s is in area %s', (faxNumber, areaCode) => {
    expect(areaCodeOf(faxNumber)).toBe(areaCode);
  });
});

describe('MonthTally: a month’s cells by area code', () => {
  it('publishes an area code of at least 10 accounts, with its accounts and faxes', () => {
    // Act
    const rollup = rollUp('2026-11', accountsIn('212', SUPPRESSED_BELOW, 3));

    // Assess
    expect(rollup).toEqual({ month: '2026-11', cells: [{ key: '212', accounts: 10, faxes: 30 }] });
  });

  it('never publishes an area code of fewer than 10 accounts on its own', () => {
    // Act
    const rollup = rollUp('2026-11', [...accountsIn('212', 12), ...accountsIn('415', 9, 50)]);

    // Assess: 415 is in no cell, and the month's cells add up to 212 alone.
    expect(rollup.cells).toEqual([{ key: '212', accounts: 12, faxes: 12 }]);
  });

  it('publishes the small area codes (and numbers outside NANP) together as `other` once together they reach 10 accounts', () => {
    // Act
    const rollup = rollUp('2026-11', [...accountsIn('212', 10), ...accountsIn('415', 4, 2), ...accountsIn('646', 5, 3), usage('+442071234567', 7)]);

    // Assess
    expect(rollup.cells).toEqual([
      { key: '212', accounts: 10, faxes: 10 },
      { key: OTHER_AREAS, accounts: 10, faxes: 4 * 2 + 5 * 3 + 7 },
    ]);
  });

  it.each([
    ['whose processing is restricted', usage(numberIn('212', 99), 1, { restricted: true })],
    ['that objected to profiling', usage(numberIn('212', 99), 1, { objectedToProfiling: true })],
    ['being erased', usage(numberIn('212', 99), 1, { beingRemoved: true })],
    ['already erased', { faxes: 1 }],
  ])('leaves out an account %s (so a cell it would have completed stays unpublished)', (_case, leftOut) => {
    // Act
    const rollup = rollUp('2026-11', [...accountsIn('212', SUPPRESSED_BELOW - 1), leftOut]);

    // Assess
    expect(rollup.cells).toEqual([]);
  });
});

describe('usageReport', () => {
  const november = rollUp('2026-11', [...accountsIn('212', 10, 2), ...accountsIn('415', 11, 1)]);
  const december = rollUp('2026-12', [...accountsIn('212', 15, 1), ...accountsIn('415', 3, 1)]);
  const january = rollUp('2027-01', accountsIn('212', 3));

  it('by month: each month’s published cells added up, months with none left out', () => {
    expect(usageReport([november, december, january], 'month')).toEqual({
      cells: [
        { key: '2026-11', accounts: 21, faxes: 31 },
        { key: '2026-12', accounts: 15, faxes: 15 },
      ],
      suppressedBelow: SUPPRESSED_BELOW,
    });
  });

  it('by area code: the latest month rolled up', () => {
    expect(usageReport([november, december], 'areaCode')).toEqual({ cells: [{ key: '212', accounts: 15, faxes: 15 }], suppressedBelow: SUPPRESSED_BELOW });
    expect(usageReport([], 'areaCode')).toEqual({ cells: [], suppressedBelow: SUPPRESSED_BELOW });
  });
});

describe('differencing: what is held back is in no report', () => {
  it('a month’s total is the sum of its published area codes, so subtracting one report from the other leaves nothing (the 3 accounts of 415 stay unknown)', () => {
    // Prepare
    const december = rollUp('2026-12', [...accountsIn('212', 15, 1), ...accountsIn('415', 3, 40)]);

    // Act
    const byMonth = usageReport([december], 'month').cells;
    const byArea = usageReport([december], 'areaCode').cells;

    // Assess
    const sum = (cells: { accounts: number; faxes: number }[]) => cells.reduce((total, cell) => ({ accounts: total.accounts + cell.accounts, faxes: total.faxes + cell.faxes }), { accounts: 0, faxes: 0 });
    expect(sum(byMonth)).toEqual(sum(byArea));
    expect(sum(byMonth)).toEqual({ accounts: 15, faxes: 15 });
  });

  const month = fc.constantFrom('2026-10', '2026-11', '2026-12');
  const account = fc.record({
    month,
    areaCode: fc.constantFrom('212', '415', '646', '917'),
    faxes: fc.integer({ min: 1, max: 50 }),
    restricted: fc.boolean(),
    objectedToProfiling: fc.boolean(),
  });

  it('for any accounts: every cell of both reports has at least 10 accounts, each month adds up to its area codes, and the held-back faxes are in neither', () => {
    fc.assert(
      fc.property(fc.array(account, { maxLength: 120 }), (accounts) => {
        // Act
        const rollups = ['2026-10', '2026-11', '2026-12'].map((m) =>
          rollUp(
            m,
            accounts.filter((a) => a.month === m).map((a, n) => usage(numberIn(a.areaCode, n), a.faxes, { restricted: a.restricted, objectedToProfiling: a.objectedToProfiling })),
          ),
        );

        // Assess
        const byMonth = usageReport(rollups, 'month').cells;
        for (const cell of [...byMonth, ...rollups.flatMap((rollup) => rollup.cells)]) expect(cell.accounts).toBeGreaterThanOrEqual(SUPPRESSED_BELOW);
        for (const rollup of rollups) {
          const monthCell = byMonth.find((cell) => cell.key === rollup.month);
          const areaCells = usageReport(rollups.slice(0, rollups.indexOf(rollup) + 1), 'areaCode').cells;
          expect(monthCell?.faxes ?? 0).toBe(areaCells.reduce((sum, cell) => sum + cell.faxes, 0));
          expect(monthCell?.accounts ?? 0).toBe(areaCells.reduce((sum, cell) => sum + cell.accounts, 0));
        }
      }),
    );
  });
});
