import { accountsWorld } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { accountRightsFulfilments } from './account-rights';
import { COMPLAINT_AUTHORITIES, fulfilComplaint } from './authorities';
import type { RightsRequest, RightsType } from './request';

const NOW = '2026-06-15T12:00:00.000Z';
const RIGHTS_REQUEST_ID = 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const TRACE_ID = 'req-fulfil';

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

const requestOf = (type: RightsType, overrides: Partial<RightsRequest> = {}): RightsRequest => ({
  requestId: RIGHTS_REQUEST_ID,
  type,
  status: 'in_progress',
  email: 'ana@acme.test',
  emailHash: 'h-ana',
  createdAt: '2026-06-15T11:00:00.000Z',
  dueAt: '2026-07-15T11:00:00.000Z',
  ...overrides,
});

/** An account for ana@acme.test in `status`, and the fulfilments on its store. */
const givenAccount = async (status: 'active' | 'deactivated' | 'pending' = 'active') => {
  const w = accountsWorld();
  const accountId = await w.signUp('ana@acme.test');
  if (status !== 'pending') await w.accounts.activate(accountId, NOW);
  if (status === 'deactivated') await w.accounts.deactivate(accountId, NOW, 'customer');
  const account = async () => (await w.accounts.get(accountId))!;
  const consents = () => w.accounts.stored.get(accountId)!.consents;
  return { w, accountId, account, consents, fulfilments: accountRightsFulfilments(w.accounts) };
};

/** The consent record a request that withdraws marketing writes: its id from the request's. */
const withdrawalRecord = (policyVersion: string) => ({
  consentId: 'cns_01JZ8Q3V5K9TWXB2C4D6E8F0GH',
  kind: 'marketing',
  granted: false,
  version: policyVersion,
  recordedAt: NOW,
  method: 'rights_request',
});

const rectification = requestOf('rectification', { corrections: { contactName: 'Ana M. Ruiz', phone: '+15551230000' } });

describe('rectification', () => {
  it('applies the corrections to the account of the request’s email, answering the fields corrected', async () => {
    // Prepare
    const { account, fulfilments } = await givenAccount();
    const before = await account();

    // Act
    const result = await fulfilments.rectification(rectification, TRACE_ID);

    // Assess
    expect(result).toEqual({ corrected: ['contactName', 'phone'] });
    expect(await account()).toMatchObject({ contactName: 'Ana M. Ruiz', phone: '+15551230000', company: before.company, updatedAt: NOW, version: before.version + 1 });
  });

  it('answers the same and writes nothing when run again (a redelivery)', async () => {
    // Prepare
    const { account, fulfilments } = await givenAccount();
    await fulfilments.rectification(rectification, TRACE_ID);
    const once = await account();

    // Act
    const result = await fulfilments.rectification(rectification, TRACE_ID);

    // Assess
    expect(result).toEqual({ corrected: ['contactName', 'phone'] });
    expect(await account()).toEqual(once);
  });

  it('corrects a deactivated account too: its data is still held', async () => {
    // Prepare
    const { account, fulfilments } = await givenAccount('deactivated');

    // Act
    await fulfilments.rectification(rectification, TRACE_ID);

    // Assess
    expect(await account()).toMatchObject({ status: 'deactivated', contactName: 'Ana M. Ruiz' });
  });

  it('answers that no account was found when none holds the email, or only a sign-up never proven, changing nothing', async () => {
    // Prepare
    const { account, fulfilments } = await givenAccount('pending');
    const pending = await account();

    // Act
    const nobody = await fulfilments.rectification({ ...rectification, email: 'nobody@acme.test' }, TRACE_ID);
    const unproven = await fulfilments.rectification(rectification, TRACE_ID);

    // Assess
    expect(nobody).toEqual({ accountFound: false });
    expect(unproven).toEqual({ accountFound: false });
    expect(await account()).toEqual(pending);
  });
});

describe('restriction', () => {
  it('restricts the account’s processing, keeping its data and other choices', async () => {
    // Prepare
    const { account, fulfilments } = await givenAccount();
    const before = await account();

    // Act
    const result = await fulfilments.restriction(requestOf('restriction'), TRACE_ID);

    // Assess
    expect(result).toEqual({ restricted: true });
    expect(await account()).toMatchObject({ processing: { restricted: true, objectedToProfiling: false }, preferences: before.preferences, contactName: before.contactName });
  });

  it('writes nothing when the account is already restricted', async () => {
    // Prepare
    const { account, fulfilments } = await givenAccount();
    await fulfilments.restriction(requestOf('restriction'), TRACE_ID);
    const once = await account();

    // Act
    await fulfilments.restriction(requestOf('restriction'), TRACE_ID);

    // Assess
    expect((await account()).version).toBe(once.version);
  });
});

describe('objection', () => {
  it('opts the account out of marketing and records its objection to profiling', async () => {
    // Prepare
    const { w, accountId, account, fulfilments } = await givenAccount();
    const before = await account();
    await w.accounts.updatePreferences(before, { ...before.preferences, marketingOptIn: true }, [], NOW);

    // Act
    const result = await fulfilments.objection(requestOf('objection'), TRACE_ID);

    // Assess
    expect(result).toEqual({ marketingOptIn: false, objectedToProfiling: true });
    expect(await w.accounts.get(accountId)).toMatchObject({ preferences: { marketingOptIn: false }, processing: { restricted: false, objectedToProfiling: true } });
  });

  it('records the marketing it turned off as a consent withdrawn by the request, once however often it runs', async () => {
    // Prepare
    const { w, account, consents, fulfilments } = await givenAccount();
    const before = await account();
    await w.accounts.updatePreferences(before, { ...before.preferences, marketingOptIn: true }, [], NOW);
    const recordsBefore = consents().length;

    // Act
    await fulfilments.objection(requestOf('objection'), TRACE_ID);
    await fulfilments.objection(requestOf('objection'), TRACE_ID);

    // Assess
    expect(consents()).toHaveLength(recordsBefore + 1);
    expect(consents().at(-1)).toEqual(withdrawalRecord(before.policyVersion));
  });
});

describe('withdraw_consent', () => {
  it('withdraws marketing consent: marketing off, and a new consent record of the withdrawal', async () => {
    // Prepare
    const { w, account, consents, fulfilments } = await givenAccount();
    const before = await account();
    await w.accounts.updatePreferences(before, { ...before.preferences, marketingOptIn: true }, [], NOW);
    const recordsBefore = consents().length;

    // Act
    const result = await fulfilments.withdraw_consent(requestOf('withdraw_consent'), TRACE_ID);

    // Assess
    expect(result).toEqual({ marketingConsentWithdrawn: true });
    expect((await account()).preferences.marketingOptIn).toBe(false);
    expect(consents()).toHaveLength(recordsBefore + 1);
    expect(consents().at(-1)).toEqual(withdrawalRecord(before.policyVersion));
  });

  it('keeps one withdrawal record when the request is fulfilled again', async () => {
    // Prepare
    const { consents, fulfilments } = await givenAccount();
    await fulfilments.withdraw_consent(requestOf('withdraw_consent'), TRACE_ID);
    const once = consents().length;

    // Act
    await fulfilments.withdraw_consent(requestOf('withdraw_consent'), TRACE_ID);

    // Assess
    expect(consents()).toHaveLength(once);
  });
});

describe('an account being erased', () => {
  it.each(['withdraw_consent', 'objection'] as const)('is left alone by %s: no consent record lands in a partition the erasure swept', async (type) => {
    // Prepare
    const { w, accountId, consents, fulfilments } = await givenAccount();
    await w.accounts.beginErasure(accountId);
    const recordsBefore = consents().length;

    // Act
    const result = await fulfilments[type](requestOf(type), TRACE_ID);

    // Assess
    expect(result).toEqual({ accountFound: false });
    expect(consents()).toHaveLength(recordsBefore);
  });
});

describe('complaint', () => {
  it('answers where a complaint may be lodged: the EU/EEA authorities, the UK’s, the US FTC and California’s agency', async () => {
    // Act
    const result = await fulfilComplaint();

    // Assess
    expect(result.authorities).toEqual(COMPLAINT_AUTHORITIES);
    expect(result.authorities.map(({ url }) => new URL(url).hostname)).toEqual(['www.edpb.europa.eu', 'ico.org.uk', 'reportfraud.ftc.gov', 'cppa.ca.gov']);
  });
});
