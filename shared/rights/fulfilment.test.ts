import { accountsWorld, failing } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { MemoryRightsRequestStore } from '../../test/support/rights-fakes';
import { fulfilRightsRequest, type Fulfil, type Fulfilments } from './fulfilment';
import { RIGHTS_TYPES, type RightsRequest, type RightsType } from './request';

const NOW = '2026-06-15T12:00:00.000Z';
const RIGHTS_REQUEST_ID = 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const TRACE_ID = 'req-fulfil';
const RESULT = { done: true };

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

const verified = (type: RightsType = 'complaint'): RightsRequest => ({
  requestId: RIGHTS_REQUEST_ID,
  type,
  status: 'verified',
  email: 'ana@acme.test',
  emailHash: 'h-ana',
  details: 'Please.',
  accountId: 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH',
  createdAt: '2026-06-15T11:00:00.000Z',
  dueAt: '2026-07-15T11:00:00.000Z',
  verifiedAt: '2026-06-15T11:00:00.000Z',
});

/** A verified request stored, every type fulfilled by one mock answering RESULT. */
const givenVerified = async (type: RightsType = 'complaint', held = false) => {
  const { emails } = accountsWorld();
  const requests = new MemoryRightsRequestStore();
  await requests.create(verified(type));
  const fulfil = jest.fn<ReturnType<Fulfil>, Parameters<Fulfil>>().mockResolvedValue(RESULT);
  const fulfilments = Object.fromEntries(RIGHTS_TYPES.map((each) => [each, fulfil])) as unknown as Fulfilments;
  const isUnderLegalHold = jest.fn().mockResolvedValue(held);
  const deps = { requests, emails, fulfilments, isUnderLegalHold };
  const run = () => fulfilRightsRequest(deps, { type: 'rights-request.verified', version: 1, requestId: RIGHTS_REQUEST_ID }, TRACE_ID);
  return { requests, emails, fulfil, run, isUnderLegalHold };
};

describe('fulfilRightsRequest', () => {
  it('puts an erasure of a person under a legal hold on hold, erasing nothing, tells the requester, and resumes it once the hold ended', async () => {
    // Prepare
    const { requests, emails, fulfil, run, isUnderLegalHold } = await givenVerified('erasure', true);

    // Act
    const held = await run();
    const heldAgain = await run();
    isUnderLegalHold.mockResolvedValue(false);
    const resumed = await run();

    // Assess
    expect([held, heldAgain, resumed]).toEqual(['on legal hold', 'on legal hold', 'completed']);
    expect(fulfil).toHaveBeenCalledTimes(1);
    expect(emails.requested.map(({ template }) => template)).toEqual(['rights-request-on-hold', 'rights-request-completed']);
    expect(requests.audit.map(({ action }) => action)).toEqual(expect.arrayContaining(['put-on-legal-hold', 'completed']));
    expect(await requests.get(RIGHTS_REQUEST_ID)).toMatchObject({ status: 'completed' });
  });

  it('checks legal holds for erasures only', async () => {
    // Prepare
    const { run, isUnderLegalHold } = await givenVerified('access', true);

    // Act
    const outcome = await run();

    // Assess
    expect(outcome).toBe('completed');
    expect(isUnderLegalHold).not.toHaveBeenCalled();
  });

  it('starts the request, fulfils it, emails the requester, then completes it with the result, in that order', async () => {
    // Prepare
    const { requests, emails, fulfil, run } = await givenVerified();
    const begin = jest.spyOn(requests, 'beginFulfilment');
    const email = jest.spyOn(emails, 'request');
    const complete = jest.spyOn(requests, 'complete');

    // Act
    const outcome = await run();

    // Assess
    expect(outcome).toBe('completed');
    const order = [begin, fulfil, email, complete].map((mock) => mock.mock.invocationCallOrder[0]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(fulfil).toHaveBeenCalledWith(expect.objectContaining({ requestId: RIGHTS_REQUEST_ID, status: 'in_progress' }), TRACE_ID);
    expect(emails.requested).toEqual([
      { template: 'rights-request-completed', messageId: `rights-request-completed#${RIGHTS_REQUEST_ID}`, to: 'ana@acme.test', params: { requestType: 'complaint' } },
    ]);
    expect(await requests.get(RIGHTS_REQUEST_ID)).toMatchObject({ status: 'completed', completedAt: NOW, result: RESULT, email: 'ana@acme.test' });
  });

  it('does nothing for a redelivery after the request completed', async () => {
    // Prepare
    const { emails, fulfil, run } = await givenVerified();
    await run();

    // Act
    const outcome = await run();

    // Assess
    expect(outcome).toBe('not open');
    expect(fulfil).toHaveBeenCalledTimes(1);
    expect(emails.requested).toHaveLength(1);
  });

  it('resumes a run that crashed after the email and before completing: fulfilled again, completed, the email asked for under the same message id', async () => {
    // Prepare
    const { requests, emails, fulfil, run } = await givenVerified();
    const email = jest.spyOn(emails, 'request');
    jest.spyOn(requests, 'complete').mockRejectedValueOnce(failing('DynamoDB'));
    await expect(run()).rejects.toThrow('DynamoDB unavailable');
    expect((await requests.get(RIGHTS_REQUEST_ID))?.status).toBe('in_progress');

    // Act
    const outcome = await run();

    // Assess
    expect(outcome).toBe('completed');
    expect(fulfil).toHaveBeenCalledTimes(2);
    const messageIds = email.mock.calls.map(([request]) => request.messageId);
    expect(messageIds).toEqual([`rights-request-completed#${RIGHTS_REQUEST_ID}`, `rights-request-completed#${RIGHTS_REQUEST_ID}`]);
    expect(emails.requested).toHaveLength(1);
    expect((await requests.get(RIGHTS_REQUEST_ID))?.status).toBe('completed');
  });

  it('fails loudly when the fulfilment fails, emailing nobody and leaving the request in progress for the retry', async () => {
    // Prepare
    const { requests, emails, fulfil, run } = await givenVerified();
    fulfil.mockRejectedValueOnce(failing('the account store'));

    // Act
    const attempt = run();

    // Assess
    await expect(attempt).rejects.toThrow('the account store unavailable');
    expect(emails.requested).toEqual([]);
    expect((await requests.get(RIGHTS_REQUEST_ID))?.status).toBe('in_progress');
  });

  it('forgets the requester of an erasure as it completes, after emailing them', async () => {
    // Prepare
    const { requests, emails, run } = await givenVerified('erasure');

    // Act
    await run();

    // Assess
    expect(emails.requested.map((sent) => sent.to)).toEqual(['ana@acme.test']);
    const stored = await requests.get(RIGHTS_REQUEST_ID);
    expect(stored).toMatchObject({ requestId: RIGHTS_REQUEST_ID, type: 'erasure', status: 'completed' });
    expect(stored).not.toHaveProperty('email');
    expect(stored).not.toHaveProperty('emailHash');
    expect(stored).not.toHaveProperty('details');
    expect(stored).not.toHaveProperty('accountId');
  });

  it('completes, doing and emailing nothing, a request whose requester an erasure forgot while it waited', async () => {
    // Prepare
    const { requests, emails, fulfil, run } = await givenVerified('access');
    const { email: _forgotten, ...anonymised } = requests.items.get(RIGHTS_REQUEST_ID)!;
    requests.items.set(RIGHTS_REQUEST_ID, anonymised as RightsRequest);

    // Act
    const outcome = await run();

    // Assess
    expect(outcome).toBe('requester erased');
    expect(fulfil).not.toHaveBeenCalled();
    expect(emails.requested).toEqual([]);
    expect(requests.items.get(RIGHTS_REQUEST_ID)).toMatchObject({ status: 'completed', completedAt: NOW, result: { requesterErased: true } });
  });

  it('keeps the requester of any other request', async () => {
    // Prepare
    const { requests, run } = await givenVerified('restriction');

    // Act
    await run();

    // Assess
    expect(await requests.get(RIGHTS_REQUEST_ID)).toMatchObject({ email: 'ana@acme.test', emailHash: 'h-ana', accountId: verified().accountId });
  });
});
