import { pinClock } from '../../test/support/clock';
import { MemoryHeldFaxes, MemoryLegalRequestStore } from '../../test/support/legal-fakes';
import { MemoryRightsDeadlineStore, MemoryRightsRequestQueue } from '../../test/support/rights-fakes';
import type { RightsRequest } from '../rights/request';
import { holdsFax, placeFaxHolds, resumeReleasedErasures, settleFaxHolds } from './holds';
import type { LegalRequest } from './request';

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

describe('placeFaxHolds and settleFaxHolds', () => {
  const ACCOUNT = 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
  const held = (id: string, overrides: Partial<LegalRequest> = {}): LegalRequest =>
    ({
      legalRequestId: id,
      kind: 'civil_subpoena',
      status: 'awaiting_fee',
      accountId: ACCOUNT,
      scope: { from: '2026-06-01T00:00:00.000Z', categories: ['fax_metadata'] },
      faxHolds: 'pending',
      receivedAt: NOW,
      ...overrides,
    }) as LegalRequest;

  const world = async (...requests: LegalRequest[]) => {
    const store = new MemoryLegalRequestStore();
    for (const request of requests) await store.create(request, { accountId: ACCOUNT }, []);
    const faxes = new MemoryHeldFaxes();
    faxes.add(ACCOUNT, 'fax_in', '2026-06-15T00:00:00.000Z');
    faxes.add(ACCOUNT, 'fax_before', '2026-05-15T00:00:00.000Z');
    return { store, faxes, deps: { store, faxes, documents: faxes } };
  };

  it('holds exactly the faxes in scope: their TTL off, their documents tagged legal-hold', async () => {
    // Prepare
    const { store, faxes, deps } = await world(held('lgr_1'));

    // Act
    await placeFaxHolds(deps, (await store.get('lgr_1'))!);

    // Assess
    expect(faxes.faxes.get('fax_in')).toMatchObject({ legalHolds: ['lgr_1'], ttl: false });
    expect(faxes.tags.get('faxes/fax_in')).toBe('legal-hold');
    expect(faxes.faxes.get('fax_before')).toMatchObject({ ttl: true });
    expect(faxes.tags.get('faxes/fax_before')).toBe('standard');
    expect((await store.get('lgr_1'))?.faxHolds).toBe('placed');
  });

  it('gives the faxes back once the hold ended, unless another hold still keeps them', async () => {
    // Prepare
    const { store, faxes, deps } = await world(held('lgr_1'), held('lgr_2', { scope: { categories: ['fax_content'] } }));
    await settleFaxHolds(deps, () => true);
    store.requests.get('lgr_1')!.holdEndsAt = NOW;

    // Act
    const first = await settleFaxHolds(deps, () => true);
    store.requests.get('lgr_2')!.holdEndsAt = NOW;
    const second = await settleFaxHolds(deps, () => true);

    // Assess
    expect(first).toEqual({ faxHoldsPlaced: 0, faxHoldsReleased: 1, faxesHeldSincePlaced: 0 });
    expect(second).toEqual({ faxHoldsPlaced: 0, faxHoldsReleased: 1, faxesHeldSincePlaced: 0 });
    expect(faxes.faxes.get('fax_in')).toMatchObject({ ttl: true, legalHolds: undefined });
    expect(faxes.tags.get('faxes/fax_in')).toBe('standard');
    expect((await store.get('lgr_1'))?.faxHolds).toBe('released');
  });

  it('keeps a fax held by two requests while one of them still holds it', async () => {
    // Prepare
    const { store, faxes, deps } = await world(held('lgr_1'), held('lgr_2'));
    await settleFaxHolds(deps, () => true);

    // Act
    store.requests.get('lgr_1')!.holdEndsAt = NOW;
    await settleFaxHolds(deps, () => true);

    // Assess
    expect(faxes.faxes.get('fax_in')).toMatchObject({ legalHolds: ['lgr_2'], ttl: false });
    expect(faxes.tags.get('faxes/fax_in')).toBe('legal-hold');
  });

  it('holds, at its next run, a fax that arrived in scope after the hold was placed', async () => {
    // Prepare
    const { store, faxes, deps } = await world(held('lgr_1'));
    await settleFaxHolds(deps, () => true);
    faxes.add(ACCOUNT, 'fax_later', '2026-07-01T00:00:00.000Z');

    // Act
    const run = await settleFaxHolds(deps, () => true);
    const again = await settleFaxHolds(deps, () => true);

    // Assess
    expect(run).toEqual({ faxHoldsPlaced: 0, faxHoldsReleased: 0, faxesHeldSincePlaced: 1 });
    expect(again.faxesHeldSincePlaced).toBe(0);
    expect(faxes.faxes.get('fax_later')).toMatchObject({ legalHolds: ['lgr_1'], ttl: false });
    expect(faxes.tags.get('faxes/fax_later')).toBe('legal-hold');
    expect((await store.get('lgr_1'))?.faxHolds).toBe('placed');
  });
});
