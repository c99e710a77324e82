import fc from 'fast-check';
import { extendedDueAt, responseDueAt } from './deadline';

const dueAt = (receivedAt: string) => responseDueAt(new Date(receivedAt)).toISOString();

describe('responseDueAt', () => {
  it.each([
    ['mid-month', '2026-06-15T12:05:00.000Z', '2026-07-15T12:05:00.000Z'],
    ['across the year', '2026-12-20T08:00:00.000Z', '2027-01-20T08:00:00.000Z'],
    ['31 January in a common year: the last day of February', '2026-01-31T23:59:59.999Z', '2026-02-28T23:59:59.999Z'],
    ['31 January in a leap year', '2028-01-31T10:00:00.000Z', '2028-02-29T10:00:00.000Z'],
    ['31 March: 30 April', '2026-03-31T00:00:00.000Z', '2026-04-30T00:00:00.000Z'],
    ['28 February: 28 March, not the month-end', '2026-02-28T09:30:00.000Z', '2026-03-28T09:30:00.000Z'],
  ])('is one calendar month after receipt (%s)', (_case, receivedAt, expected) => {
    // Act & Assess
    expect(dueAt(receivedAt)).toBe(expected);
  });

  it('always falls in the next calendar month, never before 28 days nor after 31', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (receivedAt) => {
        // Act
        const due = responseDueAt(receivedAt);

        // Assess
        const days = (due.getTime() - receivedAt.getTime()) / 86_400_000;
        expect((due.getUTCFullYear() * 12 + due.getUTCMonth()) - (receivedAt.getUTCFullYear() * 12 + receivedAt.getUTCMonth())).toBe(1);
        expect(days).toBeGreaterThanOrEqual(28);
        expect(days).toBeLessThanOrEqual(31);
      }),
    );
  });
});

describe('extendedDueAt', () => {
  const extended = (receivedAt: string) => extendedDueAt(new Date(receivedAt)).toISOString();

  it.each([
    ['mid-month: two months after the first due date', '2026-06-15T12:05:00.000Z', '2026-09-15T12:05:00.000Z'],
    ['across the year', '2026-11-20T08:00:00.000Z', '2027-02-20T08:00:00.000Z'],
    ['31 January: 30 April, the short February not carried over', '2026-01-31T10:00:00.000Z', '2026-04-30T10:00:00.000Z'],
    ['30 November: the last day of February', '2026-11-30T23:00:00.000Z', '2027-02-28T23:00:00.000Z'],
    ['30 November before a leap year', '2027-11-30T23:00:00.000Z', '2028-02-29T23:00:00.000Z'],
  ])('is three calendar months after receipt (%s)', (_case, receivedAt, expected) => {
    // Act & Assess
    expect(extended(receivedAt)).toBe(expected);
  });

  it('always falls two calendar months after the first due date, on the day of receipt or its month’s last, at the time of receipt', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (receivedAt) => {
        // Act
        const first = responseDueAt(receivedAt);
        const due = extendedDueAt(receivedAt);

        // Assess
        expect((due.getUTCFullYear() * 12 + due.getUTCMonth()) - (first.getUTCFullYear() * 12 + first.getUTCMonth())).toBe(2);
        const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
        expect(due.getUTCDate()).toBe(Math.min(receivedAt.getUTCDate(), lastDay));
        expect(due.toISOString().slice(10)).toBe(receivedAt.toISOString().slice(10));
      }),
    );
  });
});
