import { randomUUID } from 'node:crypto';
import { newId } from '../../shared/ids';
import { responseDueAt } from '../../shared/rights/deadline';
import type { RightsRequest } from '../../shared/rights/request';
import { adminToken, call, runtimeOutput } from './support/client';
import { awaitEmails, emailsTo } from './support/emails';
import { drained, givenRightsRequest } from './support/emulators';

// Rights requests' deadlines over HTTP (API.md, "Privacy rights requests"; README, "Rights
// requests' deadlines"): the rights-deadlines schedule with the clock moved past due dates, the
// admins' email, extensions and the admin listing. The schedule sees every request of the shared
// runtime, so each test looks for its own requests only.

const ADMIN_EMAIL = 'admin@example.test';
// A guard against a hang (schedule runs and the email pipeline on a loaded machine), not a speed assertion.
const HANG_GUARD_MS = 30_000;
const MINUTE_MS = 60 * 1000;
const someEmail = () => `deadlines.${randomUUID().slice(0, 8)}@example.test`;
const at = (iso: string, offsetMs: number) => new Date(Date.parse(iso) + offsetMs).toISOString();

/**
 * A verified request whose fulfilment is stuck in progress (received now, due in a month): what
 * the deadlines watch for. Every type is fulfilled within seconds, so it is stored as one.
 */
const stuckRequest = async (overrides: Partial<RightsRequest> = {}): Promise<RightsRequest> => {
  const receivedAt = new Date();
  const request: RightsRequest = {
    requestId: newId('rrq'),
    type: 'erasure',
    status: 'in_progress',
    email: someEmail(),
    emailHash: `e2e-digest-${randomUUID()}`,
    createdAt: receivedAt.toISOString(),
    dueAt: responseDueAt(receivedAt).toISOString(),
    verifiedAt: receivedAt.toISOString(),
    ...overrides,
  };
  await givenRightsRequest(request);
  return request;
};

const moveClockTo = async (iso: string) => expect((await call('PUT', '/_local/clock', { json: { now: iso } })).status).toBe(200);
const runDeadlines = async () => {
  const run = await call('POST', '/_local/schedules/rights-deadlines/run');
  expect(run.status).toBe(200);
  return run.body as { requestsMarkedOverdue: number; unverifiedRejected: number; checkedAt: string };
};
const extend = async (requestId: string, body: unknown) => call('POST', `/admin/rights-requests/${requestId}/extend`, { token: await adminToken(), json: body });

/** Every page of the admin listing for `query`. */
const listAll = async (query: string) => {
  const token = await adminToken();
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await call('GET', `/admin/rights-requests?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
};
const listed = async (query: string, requestId: string) => (await listAll(query)).find((item) => item.requestId === requestId);

/** The admins' overdue emails about `requestId`, once the email pipeline has sent what it was asked to. */
const overdueEmailsAbout = async (requestId: string) => {
  await drained('emails');
  return (await emailsTo(ADMIN_EMAIL)).filter(({ subject, text }) => subject === 'A privacy request is overdue' && text.includes(requestId));
};

afterEach(async () => {
  await call('DELETE', '/_local/clock');
});

describe('the rights-deadlines schedule', () => {
  it('marks a request past its due date overdue once, emails the admins its id, type and due date once, and lists it as overdue', async () => {
    // Prepare
    const request = await stuckRequest();
    const beforeDue = await listed('status=in_progress&overdue=true', request.requestId);
    await moveClockTo(at(request.dueAt, MINUTE_MS));

    // Act
    const first = await runDeadlines();
    const second = await runDeadlines();

    // Assess
    expect(beforeDue).toBeUndefined();
    expect(first.requestsMarkedOverdue).toBeGreaterThanOrEqual(1);
    const emails = await overdueEmailsAbout(request.requestId);
    expect(emails).toHaveLength(1);
    expect(emails[0].text).toContain(request.dueAt);
    expect(emails[0].text).toContain('erasure');
    expect(emails[0].text).not.toContain(request.email);
    expect(second.requestsMarkedOverdue).toBe(0);
    expect(await listed('status=in_progress&overdue=true', request.requestId)).toEqual({
      requestId: request.requestId,
      type: 'erasure',
      status: 'in_progress',
      createdAt: request.createdAt,
      dueAt: request.dueAt,
      overdue: true,
      overdueAt: first.checkedAt,
    });
    expect(await listed('status=in_progress&overdue=false', request.requestId)).toBeUndefined();
    expect(runtimeOutput()).not.toContain(request.email);
  }, HANG_GUARD_MS);

  it('rejects a request never verified once its due date passes, reporting nothing to the admins', async () => {
    // Prepare
    const created = await call('POST', '/rights-requests', { json: { type: 'access', email: someEmail() } });
    expect(created.status).toBe(202);
    const { requestId, requestToken, dueAt } = created.body;
    await moveClockTo(at(dueAt, MINUTE_MS));

    // Act
    const run = await runDeadlines();

    // Assess
    expect(run.unverifiedRejected).toBeGreaterThanOrEqual(1);
    const read = await call('GET', `/rights-requests/${requestId}`, { headers: { 'x-request-token': requestToken } });
    expect(read.body).toMatchObject({ requestId, status: 'rejected' });
    expect(await overdueEmailsAbout(requestId)).toEqual([]);
  }, HANG_GUARD_MS);
});

describe('POST /admin/rights-requests/{id}/extend', () => {
  it('extends a request once by two months, emailing the requester the new due date and the reason; a second extension is a 409', async () => {
    // Prepare: received on 31 January (the clock only ever moves forward: the email pipeline's
    // delivery claims are stamped by it), extended on 10 February.
    await moveClockTo('2027-01-31T10:00:00.000Z');
    const request = await stuckRequest({ createdAt: '2027-01-31T10:00:00.000Z', dueAt: '2027-02-28T10:00:00.000Z' });
    await moveClockTo('2027-02-10T09:00:00.000Z');
    const reason = 'Your faxes are archived offline: gathering them takes longer.';

    // Act
    const first = await extend(request.requestId, { reason });
    await awaitEmails(request.email, 1);
    const second = await extend(request.requestId, { reason: 'Once more.' });

    // Assess
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      requestId: request.requestId,
      type: 'erasure',
      status: 'in_progress',
      createdAt: '2027-01-31T10:00:00.000Z',
      dueAt: '2027-04-30T10:00:00.000Z',
      overdue: false,
      // The moved clock keeps ticking.
      extendedAt: expect.stringMatching(/^2027-02-10T09:0/),
      extensionReason: reason,
    });
    expect(second.status).toBe(409);
    await drained('emails');
    const emails = await emailsTo(request.email);
    expect(emails.map(({ subject }) => subject)).toEqual(['Your privacy request needs more time']);
    expect(emails[0].text).toContain('2027-04-30T10:00:00.000Z');
    expect(emails[0].text).toContain(reason);
  }, HANG_GUARD_MS);

  it('judges an extended request by its new due date: not overdue after the first, overdue after the second', async () => {
    // Prepare
    const request = await stuckRequest();
    const extended = await extend(request.requestId, { reason: 'More time is needed.' });
    expect(extended.status).toBe(200);
    await moveClockTo(at(request.dueAt, MINUTE_MS));
    await runDeadlines();
    const afterFirstDue = await listed('status=in_progress', request.requestId);

    // Act
    await moveClockTo(at(extended.body.dueAt, MINUTE_MS));
    await runDeadlines();

    // Assess
    expect(afterFirstDue).toMatchObject({ overdue: false });
    expect(afterFirstDue?.overdueAt).toBeUndefined();
    expect(await listed('status=in_progress&overdue=true', request.requestId)).toMatchObject({ dueAt: extended.body.dueAt, overdue: true, overdueAt: expect.any(String) });
    expect(await overdueEmailsAbout(request.requestId)).toHaveLength(1);
  }, HANG_GUARD_MS);

  it('lets exactly one of two concurrent extensions through', async () => {
    // Prepare
    const request = await stuckRequest({ status: 'verified' });

    // Act
    const outcomes = await Promise.all([extend(request.requestId, { reason: 'One admin.' }), extend(request.requestId, { reason: 'Another admin.' })]);

    // Assess
    expect(outcomes.map(({ status }) => status).sort()).toEqual([200, 409]);
  }, HANG_GUARD_MS);

  it('refuses a completed request (409), one past its due date (422) and an unknown one (404), changing nothing', async () => {
    // Prepare
    const completed = await stuckRequest({ status: 'completed', completedAt: new Date().toISOString() });
    const late = await stuckRequest();
    await moveClockTo(at(late.dueAt, MINUTE_MS));

    // Act
    const answers = [
      await extend(completed.requestId, { reason: 'Too late.' }),
      await extend(late.requestId, { reason: 'Too late.' }),
      await extend(newId('rrq'), { reason: 'Nobody.' }),
    ];

    // Assess
    expect(answers.map(({ status }) => status)).toEqual([409, 422, 404]);
    expect(await listed('status=in_progress', late.requestId)).toMatchObject({ dueAt: late.dueAt });
    expect(await emailsTo(late.email)).toEqual([]);
  }, HANG_GUARD_MS);
});

describe('GET /admin/rights-requests', () => {
  it('lists a status earliest due first, page by page, without the requester', async () => {
    // Prepare
    const first = await stuckRequest({ status: 'verified', dueAt: '2026-01-01T00:00:00.000Z' });
    const second = await stuckRequest({ status: 'verified', dueAt: '2026-01-01T00:00:00.001Z' });
    const token = await adminToken();

    // Act
    const pageOne = await call('GET', '/admin/rights-requests?status=verified&overdue=true&limit=1', { token });
    const pageTwo = await call('GET', `/admin/rights-requests?status=verified&overdue=true&limit=1&cursor=${pageOne.body.nextCursor}`, { token });

    // Assess: these two were due before any other request of the run.
    expect(pageOne.status).toBe(200);
    expect(pageOne.body.items.map(({ requestId }: { requestId: string }) => requestId)).toEqual([first.requestId]);
    expect(pageTwo.body.items.map(({ requestId }: { requestId: string }) => requestId)).toEqual([second.requestId]);
    expect(JSON.stringify([pageOne.body, pageTwo.body])).not.toContain(first.email);
  }, HANG_GUARD_MS);

  it('needs a status, and an overdue filter only with a status owed an answer', async () => {
    // Prepare
    const token = await adminToken();

    // Act
    const answers = await Promise.all(
      ['', '?status=overdue', '?status=completed&overdue=true', '?status=verified&overdue=maybe'].map((query) => call('GET', `/admin/rights-requests${query}`, { token })),
    );

    // Assess
    expect(answers.map(({ status }) => status)).toEqual([400, 400, 400, 400]);
  }, HANG_GUARD_MS);
});
