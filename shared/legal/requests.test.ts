import { accountsWorld, testPseudonymiser } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { MemoryLegalRequestStore } from '../../test/support/legal-fakes';
import { BusinessRuleViolation, Conflict, NotFound } from '../errors';
import { personEmailHash } from '../pseudonyms';
import { closeLegalRequest, createLegalRequest, payLegalFee, readyForProduction, recordProduction, type NewLegalRequest } from './requests';

const NOW = '2026-07-01T09:00:00.000Z';
const FAX_NUMBER = '+15551230042';
const ADMIN = 'admin-sub-1';
const times = { quashDays: 14, holdDaysAfter: 30 };

const world = async () => {
  const accounts = accountsWorld();
  const accountId = await accounts.signUp('ana@acme.test', FAX_NUMBER);
  const store = new MemoryLegalRequestStore();
  const lookup = { accounts: accounts.accounts, recipients: { recipient: async (n: string) => (n === FAX_NUMBER ? { accountId, active: true } : undefined) } };
  const deps = { store, emails: accounts.emails, times, lookup, pseudonymiser: testPseudonymiser };
  return { accountId, store, emails: accounts.emails, deps };
};

const subpoena = (overrides: Partial<NewLegalRequest> = {}): NewLegalRequest => ({
  kind: 'civil_subpoena',
  receivedInWriting: true,
  requester: { name: 'Pat Counsel', organization: 'Counsel & Co', email: 'pat@law.test', address: '1 Court St' },
  subject: { faxNumber: FAX_NUMBER },
  scope: { categories: ['account', 'fax_metadata', 'fax_content'] },
  documentRefs: ['subpoena.pdf'],
  ...overrides,
});

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

describe('createLegalRequest', () => {
  it('records it awaiting its fee, audited, lists what it withholds, holds the subject and tells the customer of the quash window', async () => {
    // Prepare
    const { accountId, store, emails, deps } = await world();

    // Act
    const request = await createLegalRequest(deps, subpoena(), ADMIN, 'req-1');

    // Assess
    expect(request).toMatchObject({ status: 'awaiting_fee', accountId, notice: 'owed', feeDueCents: 25_000, quashEndsAt: '2026-07-15T09:00:00.000Z' });
    expect(request.withheld).toEqual([{ category: 'fax_content', reason: expect.stringContaining('Electronic Communications Privacy Act') }]);
    expect(store.audit.map(({ action, actor }) => [action, actor])).toEqual([
      ['received', { kind: 'admin', adminId: ADMIN }],
      ['awaiting-fee', { kind: 'admin', adminId: ADMIN }],
    ]);
    expect(emails.to('ana@acme.test').map(({ template, params }) => [template, params])).toEqual([
      ['legal-request-notice', expect.objectContaining({ organization: 'Counsel & Co', quashEndsAt: '2026-07-15T09:00:00.000Z', categories: 'account, fax_metadata, fax_content' })],
    ]);
    const emailHash = await personEmailHash(testPseudonymiser, 'ana@acme.test');
    expect(await store.holdsOn({ accountId }, NOW)).toEqual([expect.objectContaining({ legalRequestId: request.legalRequestId })]);
    expect(await store.holdsOn({ emailHash }, NOW)).toHaveLength(1);
  });

  it.each([
    ['not in writing', { receivedInWriting: false }],
    ['a consent without the written consent', { kind: 'customer_consent' as const }],
  ])('refuses a request %s (422), storing and sending nothing', async (_case, overrides) => {
    // Prepare
    const { store, emails, deps } = await world();

    // Act
    const creating = createLegalRequest(deps, subpoena(overrides), ADMIN, 'req-1');

    // Assess
    await expect(creating).rejects.toBeInstanceOf(BusinessRuleViolation);
    expect(store.requests.size).toBe(0);
    expect(emails.requested).toEqual([]);
  });

  it.each([
    ['prohibited', { noticeProhibited: true }, 'prohibited'],
    ['not owed under a consent', { kind: 'customer_consent' as const, consentDocumentRef: 'consent.pdf' }, 'not_owed'],
  ])('sends no notice when it is %s, and opens no quash window', async (_case, overrides, notice) => {
    // Prepare
    const { emails, deps } = await world();

    // Act
    const request = await createLegalRequest(deps, subpoena(overrides), ADMIN, 'req-1');

    // Assess
    expect(request.notice).toBe(notice);
    expect(request.quashEndsAt).toBeUndefined();
    expect(emails.requested).toEqual([]);
  });

  it('holds an email that names no customer by its digest alone, and tells nobody it cannot reach', async () => {
    // Prepare
    const { store, deps } = await world();

    // Act
    const request = await createLegalRequest(deps, subpoena({ subject: { email: 'Someone@Else.test' } }), ADMIN, 'req-1');

    // Assess
    expect(request.accountId).toBeUndefined();
    expect(request.notice).toBe('owed');
    expect(await store.holdsOn({ emailHash: await personEmailHash(testPseudonymiser, 'someone@else.test') }, NOW)).toHaveLength(1);
  });
});

describe('the fee, the quash window and production', () => {
  it('refuses less than $250 (422) and changes nothing', async () => {
    // Prepare
    const { store, deps } = await world();
    const { legalRequestId } = await createLegalRequest(deps, subpoena(), ADMIN, 'req-1');

    // Act
    const paying = payLegalFee(deps, legalRequestId, 24_999, ADMIN, 'req-2');

    // Assess
    await expect(paying).rejects.toBeInstanceOf(BusinessRuleViolation);
    expect((await store.get(legalRequestId))?.status).toBe('awaiting_fee');
  });

  it('opens the notice period, refuses production until the quash window ends, then produces', async () => {
    // Prepare
    const { store, deps } = await world();
    const { legalRequestId } = await createLegalRequest(deps, subpoena(), ADMIN, 'req-1');

    // Act
    const paid = await payLegalFee(deps, legalRequestId, 25_000, ADMIN, 'req-2');
    const early = readyForProduction(store, legalRequestId, ADMIN);
    await expect(early).rejects.toBeInstanceOf(Conflict);
    pinClock('2026-07-15T09:00:00.000Z');
    const ready = await readyForProduction(store, legalRequestId, ADMIN);

    // Assess
    expect(paid).toMatchObject({ status: 'notice_period', feePaidCents: 25_000, feePaidAt: NOW });
    expect(ready.status).toBe('ready');
    expect(store.audit.map(({ action }) => action)).toEqual(['received', 'awaiting-fee', 'fee-paid', 'notice-period-ended']);
  });

  it('goes straight to ready when no notice is owed, and refuses a second fee (409)', async () => {
    // Prepare
    const { deps } = await world();
    const { legalRequestId } = await createLegalRequest(deps, subpoena({ noticeProhibited: true }), ADMIN, 'req-1');

    // Act
    const paid = await payLegalFee(deps, legalRequestId, 30_000, ADMIN, 'req-2');
    const again = payLegalFee(deps, legalRequestId, 30_000, ADMIN, 'req-3');

    // Assess
    expect(paid.status).toBe('ready');
    await expect(again).rejects.toBeInstanceOf(Conflict);
  });

  it('refuses production before the fee (409)', async () => {
    // Prepare
    const { store, deps } = await world();
    const { legalRequestId } = await createLegalRequest(deps, subpoena({ noticeProhibited: true }), ADMIN, 'req-1');

    // Act
    const producing = readyForProduction(store, legalRequestId, ADMIN);

    // Assess
    await expect(producing).rejects.toBeInstanceOf(Conflict);
  });

  it('keeps the hold LEGAL_HOLD_DAYS_AFTER days after production, and no longer', async () => {
    // Prepare
    const { accountId, store, deps } = await world();
    const { legalRequestId } = await createLegalRequest(deps, subpoena({ noticeProhibited: true }), ADMIN, 'req-1');
    await payLegalFee(deps, legalRequestId, 25_000, ADMIN, 'req-2');
    const ready = await readyForProduction(store, legalRequestId, ADMIN);

    // Act
    const produced = await recordProduction(store, ready, { key: 'legal/x.json', expiresAt: NOW, counts: {} }, times, ADMIN, new Date(NOW));

    // Assess
    expect(produced).toMatchObject({ status: 'produced', holdEndsAt: '2026-07-31T09:00:00.000Z' });
    expect(await store.holdsOn({ accountId }, '2026-07-31T08:59:59.999Z')).toHaveLength(1);
    expect(await store.holdsOn({ accountId }, '2026-07-31T09:00:00.000Z')).toEqual([]);
  });
});

describe('closeLegalRequest', () => {
  it('objects with the reason audited, ends the hold now, and refuses to close it twice (409)', async () => {
    // Prepare
    const { accountId, store, deps } = await world();
    const { legalRequestId } = await createLegalRequest(deps, subpoena(), ADMIN, 'req-1');

    // Act
    const objected = await closeLegalRequest(store, legalRequestId, 'objected', 'Overbroad.', ADMIN);
    const again = closeLegalRequest(store, legalRequestId, 'rejected', 'Also invalid.', ADMIN);

    // Assess
    expect(objected).toMatchObject({ status: 'objected', closingReason: 'Overbroad.', holdEndsAt: NOW, closedAt: NOW });
    expect(store.audit.at(-1)).toMatchObject({ action: 'objected', reason: 'Overbroad.', actor: { kind: 'admin', adminId: ADMIN } });
    await expect(again).rejects.toBeInstanceOf(Conflict);
    expect(await store.holdsOn({ accountId }, NOW)).toEqual([]);
  });

  it('answers 409 when a concurrent move won (the conditional write failed)', async () => {
    // Prepare
    const { store, deps } = await world();
    const { legalRequestId } = await createLegalRequest(deps, subpoena(), ADMIN, 'req-1');
    jest.spyOn(store, 'move').mockResolvedValueOnce(false);

    // Act
    const closing = closeLegalRequest(store, legalRequestId, 'rejected', 'Quashed.', ADMIN);

    // Assess
    await expect(closing).rejects.toBeInstanceOf(Conflict);
  });

  it('answers 404 for an unknown request', async () => {
    // Prepare
    const { store } = await world();

    // Act
    const closing = closeLegalRequest(store, 'lgr_01JZ8Q3V5K9TWXB2C4D6E8F0GH', 'objected', 'Vague.', ADMIN);

    // Assess
    await expect(closing).rejects.toBeInstanceOf(NotFound);
  });
});
