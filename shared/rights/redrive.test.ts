import { failing } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { MemoryRightsRequestQueue, MemoryRightsRequestStore } from '../../test/support/rights-fakes';
import { redriveRightsRequests } from './redrive';
import type { RightsRequest } from './request';

const NOW = '2026-06-15T12:00:00.000Z';
const minutesAgo = (minutes: number) => new Date(Date.parse(NOW) - minutes * 60_000).toISOString();
const idOf = (n: number) => `rrq_01JZ8Q3V5K9TWXB2C4D6E8F0${String(n).padStart(2, '0')}`;

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

const request = (n: number, overrides: Partial<RightsRequest>): RightsRequest => ({
  requestId: idOf(n),
  type: 'complaint',
  status: 'verified',
  email: 'ana@acme.test',
  emailHash: 'h-ana',
  createdAt: minutesAgo(120),
  dueAt: '2026-07-15T10:00:00.000Z',
  ...overrides,
});

/** Requests verified 11 and 9 minutes ago, started 31 and 29 minutes ago, and one completed long ago. */
const givenRequests = async () => {
  const requests = new MemoryRightsRequestStore();
  const queue = new MemoryRightsRequestQueue();
  await requests.create(request(1, { verifiedAt: minutesAgo(11) }));
  await requests.create(request(2, { verifiedAt: minutesAgo(9) }));
  await requests.create(request(3, { status: 'in_progress', verifiedAt: minutesAgo(60), startedAt: minutesAgo(31) }));
  await requests.create(request(4, { status: 'in_progress', verifiedAt: minutesAgo(60), startedAt: minutesAgo(29) }));
  await requests.create(request(5, { status: 'completed', verifiedAt: minutesAgo(90), startedAt: minutesAgo(90), completedAt: minutesAgo(89) }));
  return { requests, queue, run: () => redriveRightsRequests({ requests, queue }, () => true) };
};

describe('redriveRightsRequests', () => {
  it('queues again the requests verified over 10 minutes ago and those started over 30 minutes ago, no others', async () => {
    // Prepare
    const { queue, run } = await givenRequests();

    // Act
    const summary = await run();

    // Assess
    expect(summary).toEqual({ rightsRequestsRequeued: 2 });
    expect(queue.sent).toEqual([
      { event: { type: 'rights-request.verified', version: 1, requestId: idOf(1) } },
      { event: { type: 'rights-request.verified', version: 1, requestId: idOf(3) } },
    ]);
  });

  it('gives a request it queued again its interval before queuing it once more', async () => {
    // Prepare
    const { queue, run } = await givenRequests();
    await run();

    // Act
    const soon = await run();
    pinClock('2026-06-15T12:31:00.000Z');
    const later = await run();

    // Assess
    expect(soon).toEqual({ rightsRequestsRequeued: 0 });
    expect(later).toEqual({ rightsRequestsRequeued: 4 });
    expect(queue.sent).toHaveLength(6);
  });

  it('fails the run when the queue refuses, leaving the request to be queued by the next one', async () => {
    // Prepare
    const { requests, queue, run } = await givenRequests();
    jest.spyOn(queue, 'send').mockRejectedValueOnce(failing('SQS'));

    // Act
    const attempt = run();

    // Assess
    await expect(attempt).rejects.toThrow('SQS unavailable');
    expect((await requests.get(idOf(1))) as RightsRequest & { requeuedAt?: string }).not.toHaveProperty('requeuedAt');
  });
});
