import { AREA_CODE } from '../numbers/number';

// Anonymised usage reports (API.md, "Anonymised aggregates (admin)"; README, "Usage reports").
// Every published number is a sum of month × area code cells of at least SUPPRESSED_BELOW
// accounts, each computed once when its month closed and never changed: what is held back is in
// no report at any time, so no difference of reports (two times, or by month against by area
// code) comes to it.

/** A cell of fewer accounts than this is never published. */
export const SUPPRESSED_BELOW = 10;

/** The key under which a month's small area codes are published together, when together they reach the threshold. */
export const OTHER_AREAS = 'other';

export const USAGE_DIMENSIONS = ['month', 'areaCode'] as const;
export type UsageDimension = (typeof USAGE_DIMENSIONS)[number];

export interface UsageCell {
  key: string;
  accounts: number;
  faxes: number;
}

/** One closed month's published cells, by area code: what the rollup stores, and all the reports read. */
export interface MonthRollup {
  month: string;
  cells: UsageCell[];
}

/** What the rollup knows of an account that received faxes in a month. */
export interface AccountUsage {
  /** Faxes delivered to it in the month. */
  faxes: number;
  /** The account as it stands when the month is rolled up; absent once erased. */
  account?: { faxNumber: string; restricted: boolean; objectedToProfiling: boolean; beingRemoved: boolean };
}

/**
 * The area code of a North American (NANP) number (`+1` and ten digits); other numbers have none
 * and are only ever counted among `other`.
 */
export const areaCodeOf = (faxNumber: string): string | undefined => {
  const match = /^\+1(\d{3})\d{7}$/.exec(faxNumber);
  return match && AREA_CODE.test(match[1]) ? match[1] : undefined;
};

/** Adds up one month's accounts by area code, then publishes only what meets the threshold. */
export class MonthTally {
  private readonly byArea = new Map<string | undefined, UsageCell>();

  /** Counts an account's month, unless it is erased, being removed, restricted or objects to profiling. */
  add({ faxes, account }: AccountUsage): void {
    if (!account || account.beingRemoved || account.restricted || account.objectedToProfiling) return;
    const area = areaCodeOf(account.faxNumber);
    const cell = this.byArea.get(area) ?? { key: area ?? OTHER_AREAS, accounts: 0, faxes: 0 };
    this.byArea.set(area, { ...cell, accounts: cell.accounts + 1, faxes: cell.faxes + faxes });
  }

  /**
   * The month's cells: each area code of at least SUPPRESSED_BELOW accounts, and the rest together
   * as `other` if they reach it too; what remains under it is dropped whole, so the month's total
   * (the sum of these cells) reveals nothing held back. By area code.
   */
  publish(month: string): MonthRollup {
    const cells = [...this.byArea.entries()];
    const published = cells.filter(([area, cell]) => area !== undefined && cell.accounts >= SUPPRESSED_BELOW).map(([, cell]) => cell);
    const rest = cells
      .filter(([area, cell]) => area === undefined || cell.accounts < SUPPRESSED_BELOW)
      .reduce((pool, [, cell]) => ({ ...pool, accounts: pool.accounts + cell.accounts, faxes: pool.faxes + cell.faxes }), { key: OTHER_AREAS, accounts: 0, faxes: 0 });
    if (rest.accounts >= SUPPRESSED_BELOW) published.push(rest);
    return { month, cells: published.sort((a, b) => a.key.localeCompare(b.key)) };
  }
}

export interface UsageReport {
  cells: UsageCell[];
  suppressedBelow: number;
}

const total = (key: string, cells: UsageCell[]): UsageCell => ({
  key,
  accounts: cells.reduce((sum, cell) => sum + cell.accounts, 0),
  faxes: cells.reduce((sum, cell) => sum + cell.faxes, 0),
});

/**
 * The report of the rolled-up months (oldest first): by month, each month's published cells
 * added up (an account has one fax number, so a month's accounts are its area codes' accounts
 * added up), months with none left out; by area code, the latest rolled-up month's cells.
 */
export const usageReport = (months: readonly MonthRollup[], by: UsageDimension): UsageReport => ({
  cells: by === 'month' ? months.filter(({ cells }) => cells.length > 0).map(({ month, cells }) => total(month, cells)) : (months.at(-1)?.cells ?? []),
  suppressedBelow: SUPPRESSED_BELOW,
});
