import { MemoryThrottle } from '../test/support/throttle';
import { pinClock } from '../test/support/clock';
import { TooManyRequests } from './errors';
import { takeCodeIssue, takeCodeTry } from './one-time-codes';
import { DAY_MS, takeOrRefuse } from './throttle';

const HOUR_MS = 3600 * 1000;

/** What a refusal says, or undefined when the call was allowed. */
const refusalOf = async (attempt: Promise<unknown>): Promise<{ retryAfterSeconds: number } | undefined> =>
  attempt.then(
    () => undefined,
    (error: unknown) => {
      if (!(error instanceof TooManyRequests)) throw error;
      return { retryAfterSeconds: error.retryAfterSeconds };
    },
  );

afterEach(() => jest.restoreAllMocks());

describe('takeOrRefuse', () => {
  it('allows up to the limit in a window, then refuses with the seconds left until the window ends', async () => {
    // Prepare
    const throttle = new MemoryThrottle();
    const at = new Date('2026-12-05T10:15:00.000Z');
    const take = () => refusalOf(takeOrRefuse(throttle, 'reporter-1', 2, HOUR_MS, at, 'At most 2 an hour.'));

    // Act
    const answers = [await take(), await take(), await take()];

    // Assess: the hour window ends at 11:00.
    expect(answers).toEqual([undefined, undefined, { retryAfterSeconds: 45 * 60 }]);
  });

  it('says a day window ends at midnight UTC, rounding a part second up', async () => {
    // Prepare
    const throttle = new MemoryThrottle();
    const at = new Date('2026-12-05T23:59:58.200Z');
    await takeOrRefuse(throttle, 'customer-1', 1, DAY_MS, at, 'At most 1 a day.');

    // Act
    const refusal = await refusalOf(takeOrRefuse(throttle, 'customer-1', 1, DAY_MS, at, 'At most 1 a day.'));

    // Assess
    expect(refusal).toEqual({ retryAfterSeconds: 2 });
  });
});

describe('one-time code limits: Retry-After', () => {
  it('sends a subject whose codes all await use back after a code’s lifetime (15 minutes), when a place is surely free', async () => {
    // Prepare
    pinClock('2026-12-05T10:00:00.000Z');
    const throttle = new MemoryThrottle();
    const limits = { liveAtOnce: 1, issuedPerDay: 10, triedPerDay: 10 };
    await takeCodeIssue(throttle, 'email-1', limits);

    // Act
    const refusal = await refusalOf(takeCodeIssue(throttle, 'email-1', limits));

    // Assess
    expect(refusal).toEqual({ retryAfterSeconds: 15 * 60 });
  });

  it('sends a subject out of tries back at midnight UTC', async () => {
    // Prepare
    pinClock('2026-12-05T18:00:00.000Z');
    const throttle = new MemoryThrottle();
    const limits = { issuedPerDay: 10, triedPerDay: 1 };
    await takeCodeTry(throttle, 'email-1', limits);

    // Act
    const refusal = await refusalOf(takeCodeTry(throttle, 'email-1', limits));

    // Assess
    expect(refusal).toEqual({ retryAfterSeconds: 6 * 3600 });
  });
});
