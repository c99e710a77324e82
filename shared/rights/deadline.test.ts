import fc from 'fast-check';
import { responseDueAt } from './deadline';

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
