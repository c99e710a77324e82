// Calendar months (UTC), as `yyyy-mm`: the fax expiry index's partitions and the usage reports' periods.

/** The month (`yyyy-mm`, UTC) that `at` falls in. */
export const monthOf = (at: Date): string => at.toISOString().slice(0, 7);

/** The first instant of the month `months` after the one `at` falls in (negative: before it). */
export const monthStart = (at: Date, months = 0): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));

/** The months (yyyy-mm, UTC) from the one `since` falls in to the one `until` falls in, oldest first; none when `until` is earlier. */
export const monthsOf = ({ since, until }: { since: Date; until: Date }): string[] => {
  const months: string[] = [];
  for (let start = monthStart(since); start.getTime() <= until.getTime(); start = monthStart(start, 1)) months.push(monthOf(start));
  return months;
};
