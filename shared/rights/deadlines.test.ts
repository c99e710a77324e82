import { accountsWorld } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { MemoryRightsDeadlineStore } from '../../test/support/rights-fakes';
import { BusinessRuleViolation, Conflict, InvalidInput, NotFound } from '../errors';
import { extendRightsRequest, listRightsRequests, watchDeadlines } from './deadlines';
import type { RightsRequest } from './request';

/** The audit entries the deadlines appended: the store's fake also records each request's own filing. */
const deadlineEntries = (store: { audit: readonly { action: string }[] }) => store.audit.filter(({ action }) => !['received', 'verified'].includes(action));

const RECEIVED = '2026-06-15T12:00:00.000Z';
const DUE = '2026-07-15T12:00:00.000Z';
const EXTENDED_DUE = '2026-09-15T12:00:00.000Z';
const AFTER_DUE = '2026-07-15T12:00:00.001Z';
const BEFORE_DUE = '2026-07-01T09:00:00.000Z';
const ADMIN_EMAIL = 'admins@fax.test';
const ADMIN_ID = 'b7f1c2d4-0000-4000-8000-00000000ad01';
const HTTP_REQUEST_ID = 'req-deadlines';

let serial = 0;
const newRequestId = () => `rrq_01JZ8Q3V5K9TWXB2C4D6E8F${String((serial += 1)).padStart(3, '0')}`;

/** A request received at RECEIVED, due at DUE, in progress unless `overrides` say otherwise. */
const aRequest = (overrides: Partial<RightsRequest> = {}): RightsRequest => ({
  requestId: newRequestId(),
  type: 'access',
  status: 'in_progress',
  email: 'ana.ruiz@acme.test',
  emailHash: 'digest-of-ana',
  details: 'All of it.',
  createdAt: RECEIVED,
  dueAt: DUE,
  verifiedAt: RECEIVED,
  ...overrides,
});
const pendingRequest = (): RightsRequest =>
  aRequest({ status: 'pending_verification', verifiedAt: undefined, pendingCode: { codeHash: 'h', codeExpiresAt: '2026-06-15T12:15:00.000Z', attempts: 0 } });

const deadlinesWorld = async (...requests: RightsRequest[]) => {
  const store = new MemoryRightsDeadlineStore();
  for (const request of requests) await store.create(request);
  const { emails } = accountsWorld();
  return { store, emails, deps: { requests: store, emails, adminEmail: ADMIN_EMAIL } };
};
const always = () => true;

afterEach(() => jest.restoreAllMocks());

describe('watchDeadlines (the rights-deadlines schedule)', () => {
  it('marks every request owed an answer and past its due date overdue, and emails the admins its id, type and due date only', async () => {
    // Prepare
    const late = aRequest({ type: 'erasure' });
    const lateVerified = aRequest({ status: 'verified', type: 'withdraw_consent' });
    const { store, emails, deps } = await deadlinesWorld(late, lateVerified);
    pinClock(AFTER_DUE);

    // Act
    const summary = await watchDeadlines(deps, always);

    // Assess
    expect(summary).toEqual({ requestsMarkedOverdue: 2, unverifiedRejected: 0, checkedAt: AFTER_DUE });
    expect(emails.requested).toEqual([
      { template: 'rights-request-overdue', messageId: `rights-request-overdue#${lateVerified.requestId}`, to: ADMIN_EMAIL, params: { requestId: lateVerified.requestId, requestType: 'withdraw_consent', dueAt: DUE } },
      { template: 'rights-request-overdue', messageId: `rights-request-overdue#${late.requestId}`, to: ADMIN_EMAIL, params: { requestId: late.requestId, requestType: 'erasure', dueAt: DUE } },
    ]);
    expect(JSON.stringify(emails.requested)).not.toContain('ana.ruiz');
    expect(store.items.get(late.requestId)).toMatchObject({ status: 'in_progress', overdueAt: AFTER_DUE });
    expect(deadlineEntries(store)).toEqual(
      [lateVerified, late].map(({ requestId }) => ({ subject: `rights-request:${requestId}`, action: 'marked-overdue', actor: { kind: 'service', name: 'rights-deadlines' }, at: AFTER_DUE })),
    );
  });

  it('does it once: a later run marks, emails and audits nothing more', async () => {
    // Prepare
    const { store, emails, deps } = await deadlinesWorld(aRequest());
    pinClock(AFTER_DUE);
    await watchDeadlines(deps, always);
    pinClock('2026-07-15T13:00:00.000Z');

    // Act
    const again = await watchDeadlines(deps, always);

    // Assess
    expect(again).toMatchObject({ requestsMarkedOverdue: 0, unverifiedRejected: 0 });
    expect(emails.requested).toHaveLength(1);
    expect(deadlineEntries(store)).toHaveLength(1);
    expect([...store.items.values()][0].overdueAt).toBe(AFTER_DUE);
  });

  it('leaves alone a request due at this very instant, one due later, and answered or rejected ones long past due', async () => {
    // Prepare
    const { store, emails, deps } = await deadlinesWorld(
      aRequest(),
      aRequest({ dueAt: '2026-08-01T00:00:00.000Z' }),
      aRequest({ status: 'completed', completedAt: AFTER_DUE }),
      aRequest({ status: 'rejected', rejectedAt: RECEIVED }),
    );
    pinClock(DUE);

    // Act
    const summary = await watchDeadlines(deps, always);

    // Assess
    expect(summary).toMatchObject({ requestsMarkedOverdue: 0, unverifiedRejected: 0 });
    expect(emails.requested).toEqual([]);
    expect([...store.items.values()].filter((request) => request.overdueAt)).toEqual([]);
  });

  it('rejects a request still awaiting its code at its due date, reporting nothing: it can never be verified and nothing is owed to an unidentified requester', async () => {
    // Prepare
    const unverified = pendingRequest();
    const recent = { ...pendingRequest(), createdAt: BEFORE_DUE, dueAt: '2026-08-01T09:00:00.000Z' };
    const { store, emails, deps } = await deadlinesWorld(unverified, recent);
    pinClock(AFTER_DUE);

    // Act
    const summary = await watchDeadlines(deps, always);

    // Assess
    expect(summary).toMatchObject({ requestsMarkedOverdue: 0, unverifiedRejected: 1 });
    expect(store.items.get(unverified.requestId)).toMatchObject({ status: 'rejected', rejectedAt: AFTER_DUE });
    expect(store.items.get(unverified.requestId)?.pendingCode).toBeUndefined();
    expect(store.items.get(unverified.requestId)?.overdueAt).toBeUndefined();
    expect(store.items.get(recent.requestId)?.status).toBe('pending_verification');
    expect(emails.requested).toEqual([]);
    expect(deadlineEntries(store)).toEqual([{ subject: `rights-request:${unverified.requestId}`, action: 'rejected', actor: { kind: 'service', name: 'rights-deadlines' }, at: AFTER_DUE }]);
  });

  it('judges an extended request by its new due date', async () => {
    // Prepare
    const extended = aRequest({ dueAt: EXTENDED_DUE, extendedAt: BEFORE_DUE, extensionReason: 'Archived faxes.' });
    const { store, emails, deps } = await deadlinesWorld(extended);
    pinClock(AFTER_DUE);
    const beforeNewDue = await watchDeadlines(deps, always);
    pinClock('2026-09-15T12:00:01.000Z');

    // Act
    const afterNewDue = await watchDeadlines(deps, always);

    // Assess
    expect(beforeNewDue.requestsMarkedOverdue).toBe(0);
    expect(afterNewDue.requestsMarkedOverdue).toBe(1);
    expect(emails.requested.map(({ params }) => params)).toEqual([{ requestId: extended.requestId, requestType: 'access', dueAt: EXTENDED_DUE }]);
    expect(store.items.get(extended.requestId)?.overdueAt).toBe('2026-09-15T12:00:01.000Z');
  });

  it('finishes in the next run what a run left between the email and the mark, the email sent once', async () => {
    // Prepare
    const late = aRequest();
    const { store, emails, deps } = await deadlinesWorld(late);
    pinClock(AFTER_DUE);
    jest.spyOn(store, 'markOverdue').mockRejectedValueOnce(new Error('table unavailable'));
    await expect(watchDeadlines(deps, always)).rejects.toThrow('table unavailable');

    // Act
    const retried = await watchDeadlines(deps, always);

    // Assess
    expect(retried.requestsMarkedOverdue).toBe(1);
    expect(emails.requested).toHaveLength(1);
    expect(store.items.get(late.requestId)?.overdueAt).toBe(AFTER_DUE);
  });

  it('fails loudly, marking nothing, when the email pipeline refuses the admins’ email', async () => {
    // Prepare
    const late = aRequest();
    const { store, emails, deps } = await deadlinesWorld(late);
    pinClock(AFTER_DUE);
    jest.spyOn(emails, 'request').mockRejectedValueOnce(new Error('queue unavailable'));

    // Act
    const run = watchDeadlines(deps, always);

    // Assess
    await expect(run).rejects.toThrow('queue unavailable');
    expect(store.items.get(late.requestId)?.overdueAt).toBeUndefined();
  });

  it('walks the listing page by page, and stops taking pages when time runs out', async () => {
    // Prepare
    const late = Array.from({ length: 5 }, () => aRequest());
    const everything = await deadlinesWorld(...late);
    const hurried = await deadlinesWorld(...late.map((request) => ({ ...request, requestId: newRequestId() })));
    pinClock(AFTER_DUE);

    // Act
    const all = await watchDeadlines(everything.deps, always, 2);
    const some = await watchDeadlines(hurried.deps, () => false, 2);

    // Assess
    expect(all.requestsMarkedOverdue).toBe(5);
    expect(some.requestsMarkedOverdue).toBe(2);
  });
});

describe('extendRightsRequest', () => {
  it('extends a request by two further months once, audited as the admin’s, and emails the requester the new due date and the reason', async () => {
    // Prepare
    const request = aRequest();
    const { store, emails, deps } = await deadlinesWorld(request);
    pinClock(BEFORE_DUE);

    // Act
    const view = await extendRightsRequest(deps, request.requestId, 'The archive of your faxes takes longer to gather.', ADMIN_ID, HTTP_REQUEST_ID);

    // Assess
    expect(view).toEqual({
      requestId: request.requestId,
      type: 'access',
      status: 'in_progress',
      createdAt: RECEIVED,
      dueAt: EXTENDED_DUE,
      overdue: false,
      extendedAt: BEFORE_DUE,
      extensionReason: 'The archive of your faxes takes longer to gather.',
    });
    expect(store.items.get(request.requestId)).toMatchObject({ dueAt: EXTENDED_DUE, extendedAt: BEFORE_DUE, extensionReason: 'The archive of your faxes takes longer to gather.' });
    expect(deadlineEntries(store)).toEqual([
      { subject: `rights-request:${request.requestId}`, action: 'extended', actor: { kind: 'admin', adminId: ADMIN_ID }, at: BEFORE_DUE, reason: 'The archive of your faxes takes longer to gather.' },
    ]);
    expect(emails.requested).toEqual([
      {
        template: 'rights-request-extended',
        messageId: `rights-request-extended#${request.requestId}`,
        to: 'ana.ruiz@acme.test',
        params: { requestType: 'access', dueAt: EXTENDED_DUE, reason: 'The archive of your faxes takes longer to gather.' },
      },
    ]);
  });

  it('counts the extension from receipt: received 31 January, due 28 February, extended to 30 April', async () => {
    // Prepare
    const request = aRequest({ createdAt: '2026-01-31T10:00:00.000Z', dueAt: '2026-02-28T10:00:00.000Z' });
    const { deps } = await deadlinesWorld(request);
    pinClock('2026-02-10T00:00:00.000Z');

    // Act
    const view = await extendRightsRequest(deps, request.requestId, 'More time.', ADMIN_ID, HTTP_REQUEST_ID);

    // Assess
    expect(view.dueAt).toBe('2026-04-30T10:00:00.000Z');
  });

  it('refuses a second extension with 409, changing nothing and emailing nothing new', async () => {
    // Prepare
    const request = aRequest({ status: 'verified' });
    const { store, emails, deps } = await deadlinesWorld(request);
    pinClock(BEFORE_DUE);
    await extendRightsRequest(deps, request.requestId, 'First reason.', ADMIN_ID, HTTP_REQUEST_ID);
    const extended = store.items.get(request.requestId);
    const emailed = jest.spyOn(emails, 'request');

    // Act
    const again = extendRightsRequest(deps, request.requestId, 'Second reason.', ADMIN_ID, HTTP_REQUEST_ID);

    // Assess
    await expect(again).rejects.toBeInstanceOf(Conflict);
    expect(store.items.get(request.requestId)).toEqual(extended);
    expect(deadlineEntries(store)).toHaveLength(1);
    expect(emailed).not.toHaveBeenCalled();
  });

  it('lets exactly one of two concurrent extensions through', async () => {
    // Prepare
    const request = aRequest();
    const { store, deps } = await deadlinesWorld(request);
    pinClock(BEFORE_DUE);

    // Act
    const outcomes = await Promise.allSettled([
      extendRightsRequest(deps, request.requestId, 'One admin.', ADMIN_ID, HTTP_REQUEST_ID),
      extendRightsRequest(deps, request.requestId, 'Another admin.', 'another-admin', HTTP_REQUEST_ID),
    ]);

    // Assess
    expect(outcomes.filter(({ status }) => status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected' && outcome.reason instanceof Conflict)).toHaveLength(1);
    expect(deadlineEntries(store)).toHaveLength(1);
  });

  it('delivers on a retry the email of an extension whose email the pipeline refused: the same extension again is a 409 that asks for it again', async () => {
    // Prepare
    const request = aRequest();
    const { store, emails, deps } = await deadlinesWorld(request);
    pinClock(BEFORE_DUE);
    jest.spyOn(emails, 'request').mockRejectedValueOnce(new Error('queue unavailable'));
    await expect(extendRightsRequest(deps, request.requestId, 'Reason.', ADMIN_ID, HTTP_REQUEST_ID)).rejects.toThrow('queue unavailable');

    // Act
    const retry = extendRightsRequest(deps, request.requestId, 'Reason.', ADMIN_ID, HTTP_REQUEST_ID);

    // Assess
    await expect(retry).rejects.toBeInstanceOf(Conflict);
    expect(store.items.get(request.requestId)?.extendedAt).toBe(BEFORE_DUE);
    expect(emails.requested).toEqual([expect.objectContaining({ template: 'rights-request-extended', params: { requestType: 'access', dueAt: EXTENDED_DUE, reason: 'Reason.' } })]);
  });

  it.each([
    ['completed', { status: 'completed' as const, completedAt: BEFORE_DUE }],
    ['rejected', { status: 'rejected' as const, rejectedAt: RECEIVED }],
    ['awaiting its code (nobody proven to tell)', { status: 'pending_verification' as const }],
  ])('refuses with 409 a request %s, changing and sending nothing', async (_case, overrides) => {
    // Prepare
    const request = aRequest(overrides);
    const { store, emails, deps } = await deadlinesWorld(request);
    pinClock(BEFORE_DUE);

    // Act
    const extension = extendRightsRequest(deps, request.requestId, 'Reason.', ADMIN_ID, HTTP_REQUEST_ID);

    // Assess
    await expect(extension).rejects.toBeInstanceOf(Conflict);
    expect(store.items.get(request.requestId)).toEqual(request);
    expect(emails.requested).toEqual([]);
    expect(deadlineEntries(store)).toEqual([]);
  });

  it('refuses with 422 a request already past its due date: an extension is announced within the first month', async () => {
    // Prepare
    const request = aRequest();
    const { store, deps } = await deadlinesWorld(request);
    pinClock(AFTER_DUE);

    // Act
    const extension = extendRightsRequest(deps, request.requestId, 'Too late.', ADMIN_ID, HTTP_REQUEST_ID);

    // Assess
    await expect(extension).rejects.toBeInstanceOf(BusinessRuleViolation);
    expect(store.items.get(request.requestId)).toEqual(request);
  });

  it('answers 404 for an unknown request', async () => {
    // Prepare
    const { deps } = await deadlinesWorld();

    // Act
    const extension = extendRightsRequest(deps, newRequestId(), 'Reason.', ADMIN_ID, HTTP_REQUEST_ID);

    // Assess
    await expect(extension).rejects.toBeInstanceOf(NotFound);
  });
});

describe('listRightsRequests', () => {
  it('lists one status earliest due first, as the admin sees requests: dates and deadline, never the requester', async () => {
    // Prepare
    const later = aRequest({ dueAt: '2026-08-01T00:00:00.000Z' });
    const late = aRequest({ overdueAt: AFTER_DUE });
    const { deps } = await deadlinesWorld(later, late, aRequest({ status: 'verified' }));
    pinClock('2026-07-20T00:00:00.000Z');

    // Act
    const page = await listRightsRequests(deps.requests, { status: 'in_progress' }, { limit: 25 });

    // Assess
    expect(page).toEqual({
      items: [
        { requestId: late.requestId, type: 'access', status: 'in_progress', createdAt: RECEIVED, dueAt: DUE, overdue: true, overdueAt: AFTER_DUE },
        { requestId: later.requestId, type: 'access', status: 'in_progress', createdAt: RECEIVED, dueAt: later.dueAt, overdue: false },
      ],
    });
  });

  it('keeps the overdue ones with overdue=true, the others with overdue=false, by due date whether or not the schedule ran', async () => {
    // Prepare
    const unmarked = aRequest();
    const notDue = aRequest({ dueAt: '2026-08-01T00:00:00.000Z' });
    const { deps } = await deadlinesWorld(unmarked, notDue);
    pinClock(AFTER_DUE);

    // Act
    const overdue = await listRightsRequests(deps.requests, { status: 'in_progress', overdue: 'true' }, { limit: 25 });
    const onTime = await listRightsRequests(deps.requests, { status: 'in_progress', overdue: 'false' }, { limit: 25 });

    // Assess
    expect(overdue.items.map(({ requestId, overdue: flag }) => [requestId, flag])).toEqual([[unmarked.requestId, true]]);
    expect(onTime.items.map(({ requestId, overdue: flag }) => [requestId, flag])).toEqual([[notDue.requestId, false]]);
  });

  it('shows a closed request as never overdue, but when it was found overdue', async () => {
    // Prepare
    const answeredLate = aRequest({ status: 'completed', overdueAt: AFTER_DUE, completedAt: '2026-07-16T00:00:00.000Z' });
    const { deps } = await deadlinesWorld(answeredLate);
    pinClock('2026-08-01T00:00:00.000Z');

    // Act
    const page = await listRightsRequests(deps.requests, { status: 'completed' }, { limit: 25 });

    // Assess
    expect(page.items).toEqual([expect.objectContaining({ overdue: false, overdueAt: AFTER_DUE, completedAt: '2026-07-16T00:00:00.000Z' })]);
  });

  it.each(['pending_verification', 'completed', 'rejected'] as const)('refuses the overdue filter on %s requests, which are never overdue', async (status) => {
    // Prepare
    const { deps } = await deadlinesWorld();

    // Act
    const listing = listRightsRequests(deps.requests, { status, overdue: 'true' }, { limit: 25 });

    // Assess
    await expect(listing).rejects.toBeInstanceOf(InvalidInput);
  });
});
