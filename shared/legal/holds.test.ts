import { pinClock } from '../../test/support/clock';
import { MemoryRightsDeadlineStore, MemoryRightsRequestQueue } from '../../test/support/rights-fakes';
import type { RightsRequest } from '../rights/request';
import { holdsFax, resumeReleasedErasures } from './holds';

const NOW = '2026-07-01T09:00:00.000Z';

const onHold = (n: number): RightsRequest => ({
  requestId: `rrq_01JZ8Q3V5K9TWXB2C4D6E8F0${String(n).padStart(2, '0')}`,
  type: 'erasure',
  status: 'on_hold',
  email: `person${n}@acme.test`,
  emailHash: `h-${n}`,
  createdAt: '2026-06-01T09:00:00.000Z',
  dueAt: `2026-07-${String(n).padStart(2, '0')}T09:00:00.000Z`,
});

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

describe('resumeReleasedErasures (the hold-release step)', () => {
  it('queues again exactly the erasures no hold keeps any more, page after page', async () => {
    // Prepare
    const requests = new MemoryRightsDeadlineStore();
    for (const n of [1, 2, 3]) await requests.create(onHold(n));
    const queue = new MemoryRightsRequestQueue();
    const isHeld = async ({ email }: RightsRequest) => email === 'person2@acme.test';

    // Act
    const summary = await resumeReleasedErasures({ requests, queue, isHeld }, () => true, 1);

    // Assess
    expect(summary).toEqual({ erasuresResumed: 2, erasuresStillHeld: 1, checkedAt: NOW });
    expect(queue.sent.map(({ event }) => event.requestId)).toEqual([onHold(1).requestId, onHold(3).requestId]);
  });
});

describe('holdsFax', () => {
  const hold = { legalRequestId: 'lgr_1', categories: ['fax_metadata' as const], from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };

  it.each([
    ['a fax in its range', '2026-01-15T00:00:00.000Z', [hold], true],
    ['a fax before its range', '2025-12-31T23:59:59.999Z', [hold], false],
    ['a fax after its range', '2026-02-01T00:00:00.001Z', [hold], false],
    ['a fax, by a hold of other categories', '2026-01-15T00:00:00.000Z', [{ ...hold, categories: ['account' as const] }], false],
    ['any fax, by a hold without a range', '2020-01-01T00:00:00.000Z', [{ legalRequestId: 'lgr_2', categories: ['fax_content' as const] }], true],
  ])('holds %s: %s', (_case, receivedAt, holds, held) => {
    // Assess
    expect(holdsFax(holds, { receivedAt })).toBe(held);
  });
});
