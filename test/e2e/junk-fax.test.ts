import { randomInt, randomUUID } from 'node:crypto';
import { SIGNUP_PROOF_DAYS } from '../../shared/accounts/expiry';
import { quarantineEndOf } from '../../shared/numbers/number';
import { adminToken, call, newCustomer, runtimeOutput, signUpForm, uniqueFaxNumber } from './support/client';
import { emailsTo } from './support/emails';
import { releaseIntoQuarantine } from './support/emulators';
import { faxEvent, gatewayCall } from './support/gateway';

// "Junk-fax reports and abuse" of API.md over HTTP: reports from anyone or a customer, cases
// counted per sender and escalated to the admins once, and the admins' decisions.

const ADMIN_EMAIL = 'admin@example.test';
// A guard against a hang on a loaded machine (each report is several table writes), not a speed assertion.
const HANG_GUARD_MS = 30_000;
const someEmail = () => `reporter.${randomUUID().slice(0, 8)}@example.test`;
// A public reporter is also the address they call from: each person of these tests calls from a loopback address of their own.
const aSource = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
const report = (body: Record<string, unknown>, token?: string, from = aSource()) => call('POST', '/junk-fax-reports', { json: body, token, from });

/** Polls until `read` answers something, or gives up with undefined. */
const until = async <T>(read: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T | undefined> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (found !== undefined || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The case of `sender` among the admin's listing of `status` (latest reports first). */
const caseOf = async (sender: string, status: string) => {
  const listed = await call('GET', `/admin/junk-fax-cases?status=${status}&limit=100`, { token: await adminToken() });
  expect(listed.status).toBe(200);
  return (listed.body.items as any[]).find((item) => item.senderFaxNumber === sender);
};

const inboxOf = async (token: string) => (await call('GET', '/faxes?limit=100', { token })).body.items as any[];

describe('POST /junk-fax-reports', () => {
  it('takes a public report (202) and counts one reporter once within 24 hours', async () => {
    // Prepare
    const sender = uniqueFaxNumber();
    const email = someEmail();
    const source = aSource();

    // Act
    const first = await report({ senderFaxNumber: sender, reporterEmail: email, reporterName: 'Rita', description: 'Cruise offers\nevery night' }, undefined, source);
    const again = await report({ senderFaxNumber: sender, reporterEmail: email.toUpperCase() }, undefined, source);

    // Assess
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ reportId: expect.stringMatching(/^jfr_/) });
    expect(again.status).toBe(202);
    expect(await caseOf(sender, 'open')).toEqual({
      caseId: expect.stringMatching(/^jfc_/),
      senderFaxNumber: sender,
      reportCount: 1,
      distinctReporters: 1,
      status: 'open',
      firstReportedAt: expect.any(String),
      lastReportedAt: expect.any(String),
    });
  }, HANG_GUARD_MS);

  it('refuses a reporter past 10 reports an hour with 429, also under a fresh email from the same address', async () => {
    // Prepare
    const email = someEmail();
    const source = aSource();
    for (let n = 0; n < 10; n += 1) expect((await report({ senderFaxNumber: uniqueFaxNumber(), reporterEmail: email }, undefined, source)).status).toBe(202);

    // Act
    const refused = await report({ senderFaxNumber: uniqueFaxNumber(), reporterEmail: email }, undefined, source);
    const freshEmail = await report({ senderFaxNumber: uniqueFaxNumber(), reporterEmail: someEmail() }, undefined, source);

    // Assess
    expect([refused.status, freshEmail.status]).toEqual([429, 429]);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.stringify(refused.body)).not.toContain(email);
  }, HANG_GUARD_MS);

  it("answers 404 to another tenant's fax and to a fax named without a token, 422 to a block without one, 401 to a bad token", async () => {
    // Prepare
    const owner = await newCustomer();
    const other = await newCustomer();
    expect((await gatewayCall('/gateway/faxes', faxEvent(owner.form.faxNumber))).status).toBe(202);
    const [fax] = (await until(async () => ((await inboxOf(owner.token)).length > 0 ? inboxOf(owner.token) : undefined)))!;

    // Act
    const theirs = await report({ senderFaxNumber: fax.from, faxId: fax.faxId }, other.token);
    const anonymous = await report({ senderFaxNumber: fax.from, faxId: fax.faxId });
    const publicBlock = await report({ senderFaxNumber: fax.from, blockSender: true });
    const forged = await report({ senderFaxNumber: fax.from }, `${other.token}x`);

    // Assess
    expect([theirs.status, anonymous.status, publicBlock.status, forged.status]).toEqual([404, 404, 422, 401]);
  }, HANG_GUARD_MS);

  it("takes a customer's report of their own fax from our records and blocks its sender: the next fax never reaches the inbox", async () => {
    // Prepare
    const customer = await newCustomer();
    const spammer = uniqueFaxNumber();
    expect((await gatewayCall('/gateway/faxes', faxEvent(customer.form.faxNumber, { from: spammer, remoteStationId: 'CHEAP CRUISES' }))).status).toBe(202);
    const [fax] = (await until(async () => ((await inboxOf(customer.token)).length > 0 ? inboxOf(customer.token) : undefined)))!;

    // Act: the body names another sender; the fax's own is reported.
    const filed = await report({ senderFaxNumber: '+15550000001', faxId: fax.faxId, blockSender: true }, customer.token);
    expect((await gatewayCall('/gateway/faxes', faxEvent(customer.form.faxNumber, { from: spammer }))).status).toBe(202);
    expect((await gatewayCall('/gateway/faxes', faxEvent(customer.form.faxNumber, { from: '+15559990000' }))).status).toBe(202);

    // Assess
    expect(filed.status).toBe(202);
    expect((await call('GET', '/me/blocked-senders', { token: customer.token })).body.items).toEqual([{ faxNumber: spammer, blockedAt: expect.any(String) }]);
    const inbox = await until(async () => ((await inboxOf(customer.token)).length >= 2 ? inboxOf(customer.token) : undefined));
    expect(inbox!.map(({ from }) => from).sort()).toEqual(['+15559990000', spammer].sort());
    expect(await caseOf(spammer, 'open')).toMatchObject({ senderFaxNumber: spammer, reportCount: 1 });
    expect(await caseOf('+15550000001', 'open')).toBeUndefined();
  }, HANG_GUARD_MS);
});

describe('escalation, and the admins’ decisions', () => {
  let client: Awaited<ReturnType<typeof newCustomer>>;
  let caseId: string;

  beforeAll(async () => {
    client = await newCustomer();
  }, HANG_GUARD_MS);

  it('escalates exactly once, with one admin email, when reports race past the threshold', async () => {
    // Act: six distinct reporters at once, where three escalate.
    const answers = await Promise.all(Array.from({ length: 6 }, () => report({ senderFaxNumber: client.form.faxNumber, reporterEmail: someEmail() })));

    // Assess
    expect(answers.map(({ status }) => status)).toEqual(Array(6).fill(202));
    const escalated = await caseOf(client.form.faxNumber, 'escalated');
    expect(escalated).toMatchObject({ accountId: client.accountId, reportCount: 6, distinctReporters: 6, status: 'escalated' });
    caseId = escalated.caseId;
    const aboutThisCase = async () => (await emailsTo(ADMIN_EMAIL)).filter(({ text }) => text.includes(caseId));
    expect(await until(async () => ((await aboutThisCase()).length > 0 ? aboutThisCase() : undefined))).toHaveLength(1);
    // Any second email would have been sent by now (the pipeline sends within a second).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await aboutThisCase()).toHaveLength(1);
    expect((await aboutThisCase())[0].subject).toBe('A junk-fax case is escalated');
    expect(await caseOf(client.form.faxNumber, 'open')).toBeUndefined();
  }, HANG_GUARD_MS);

  it('lets only admins list, dismiss and deactivate (403 for a customer)', async () => {
    // Act
    const answers = await Promise.all([
      call('GET', '/admin/junk-fax-cases', { token: client.token }),
      call('POST', `/admin/junk-fax-cases/${caseId}/dismiss`, { token: client.token, json: { reason: 'mine' } }),
      call('POST', `/admin/accounts/${client.accountId}/deactivate`, { token: client.token, json: { reason: 'mine' } }),
    ]);

    // Assess
    expect(answers.map(({ status }) => status)).toEqual([403, 403, 403]);
  }, HANG_GUARD_MS);

  it('deactivates the client: emailed the reason, faxes to its number refused (422), its token refused beyond GET /me and reading its faxes', async () => {
    // Prepare
    const reason = 'Junk faxes reported by many recipients.';

    // Act
    const deactivated = await call('POST', `/admin/accounts/${client.accountId}/deactivate`, { token: await adminToken(), json: { reason } });

    // Assess
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toEqual({ accountId: client.accountId, status: 'deactivated', deactivatedAt: expect.any(String) });
    const deactivationEmails = async () => (await emailsTo(client.form.email)).filter(({ subject }) => subject === 'Your fax service account is deactivated');
    const emails = await until(async () => ((await deactivationEmails()).length > 0 ? deactivationEmails() : undefined));
    expect(emails!.map(({ text }) => text)).toEqual([expect.stringContaining(`The reason: ${reason}`)]);
    expect((await gatewayCall('/gateway/faxes', faxEvent(client.form.faxNumber))).status).toBe(422);
    // Deactivated, it may still read what remains of its faxes (README), but change nothing.
    expect((await call('GET', '/faxes', { token: client.token })).status).toBe(200);
    expect((await call('PUT', `/me/blocked-senders/${encodeURIComponent(uniqueFaxNumber())}`, { token: client.token })).status).toBe(403);
    expect((await call('GET', '/me', { token: client.token })).body.status).toBe('deactivated');
    expect((await call('POST', '/admin/accounts/acc_01KB000000000000000000NONE/deactivate', { token: await adminToken(), json: { reason } })).status).toBe(404);
  }, HANG_GUARD_MS);

  it('dismisses the case once (200, then 409), and 404 for an unknown case', async () => {
    // Act
    const dismissed = await call('POST', `/admin/junk-fax-cases/${caseId}/dismiss`, { token: await adminToken(), json: { reason: 'Handled by deactivation.' } });
    const again = await call('POST', `/admin/junk-fax-cases/${caseId}/dismiss`, { token: await adminToken(), json: { reason: 'Again.' } });
    const unknown = await call('POST', '/admin/junk-fax-cases/jfc_01KB0000000000000000000000/dismiss', { token: await adminToken(), json: { reason: 'x' } });

    // Assess
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ caseId, status: 'dismissed', reportCount: 6 });
    expect([again.status, unknown.status]).toEqual([409, 404]);
    expect(await caseOf(client.form.faxNumber, 'dismissed')).toMatchObject({ caseId });
  }, HANG_GUARD_MS);

  it('prints no reporter email or name in the runtime output', () => {
    expect(runtimeOutput()).not.toMatch(/reporter\.[0-9a-f]{8}@example\.test/);
  }, HANG_GUARD_MS);
});

describe('an admin deactivating a customer who already left', () => {
  it('answers 200 with the customer’s own deactivation and emails them nothing', async () => {
    // Prepare
    const customer = await newCustomer();
    expect((await call('DELETE', '/me', { token: customer.token })).status).toBe(202);
    const own = (await call('GET', '/me', { token: customer.token })).body;

    // Act
    const answer = await call('POST', `/admin/accounts/${customer.accountId}/deactivate`, { token: await adminToken(), json: { reason: 'Junk faxes.' } });

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accountId: customer.accountId, status: 'deactivated' });
    expect(own.status).toBe('deactivated');
    // The pipeline sends within a second: give a wrongly requested email the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await emailsTo(customer.form.email)).filter(({ subject }) => subject === 'Your fax service account is deactivated')).toEqual([]);
  }, HANG_GUARD_MS);
});

describe('one person reporting a client alone', () => {
  it('counts three +tag variants of one email from one address as one reporter: no escalation', async () => {
    // Prepare
    const client = await newCustomer();
    const source = aSource();
    const [name, domain] = someEmail().split('@');

    // Act
    const answers = await Promise.all(['a', 'b', 'c'].map((tag) => report({ senderFaxNumber: client.form.faxNumber, reporterEmail: `${name}+${tag}@${domain}` }, undefined, source)));

    // Assess
    expect(answers.map(({ status }) => status)).toEqual([202, 202, 202]);
    expect(await caseOf(client.form.faxNumber, 'open')).toMatchObject({ distinctReporters: 1, reportCount: 1 });
    expect(await caseOf(client.form.faxNumber, 'escalated')).toBeUndefined();
  }, HANG_GUARD_MS);

  it('counts a customer, their own email and their anonymous reports from one address as one reporter: no escalation', async () => {
    // Prepare
    const client = await newCustomer();
    const mallory = await newCustomer();
    const source = aSource();
    const sender = client.form.faxNumber;

    // Act
    const answers = [
      await report({ senderFaxNumber: sender }, undefined, source),
      await report({ senderFaxNumber: sender, reporterEmail: mallory.form.email.toUpperCase() }, undefined, source),
      await report({ senderFaxNumber: sender, reporterEmail: someEmail() }, mallory.token, source),
    ];

    // Assess
    expect(answers.map(({ status }) => status)).toEqual([202, 202, 202]);
    expect(await caseOf(sender, 'open')).toMatchObject({ distinctReporters: 1, reportCount: 1 });
    expect(await caseOf(sender, 'escalated')).toBeUndefined();
  }, HANG_GUARD_MS);
});

describe('a number that changes hands', () => {
  afterEach(async () => {
    await call('DELETE', '/_local/clock');
  });

  /** Three people escalate the case of `faxNumber`'s holder; the same three report it again once `release` gave the number to a new sign-up. */
  const escalateThenRecycle = async (faxNumber: string, holderId: string, release: () => Promise<void>) => {
    const people = Array.from({ length: 3 }, () => ({ reporterEmail: someEmail(), from: aSource() }));
    for (const { reporterEmail, from } of people) expect((await report({ senderFaxNumber: faxNumber, reporterEmail }, undefined, from)).status).toBe(202);
    const former = await caseOf(faxNumber, 'escalated');
    expect(former).toMatchObject({ accountId: holderId, distinctReporters: 3 });

    await release();
    const newcomer = await signUpForm({ faxNumber });
    const created = await call('POST', '/accounts', { json: newcomer });
    expect(created.status).toBe(201);
    const [first, second] = people;
    expect((await report({ senderFaxNumber: faxNumber, reporterEmail: first!.reporterEmail }, undefined, first!.from)).status).toBe(202);
    expect((await report({ senderFaxNumber: faxNumber, reporterEmail: second!.reporterEmail }, undefined, second!.from)).status).toBe(202);

    // The former holder's case is closed and replaced: the new holder's counts start from zero.
    const fresh = await caseOf(faxNumber, 'open');
    expect(fresh).toMatchObject({ accountId: created.body.accountId, reportCount: 2, distinctReporters: 2, status: 'open' });
    expect(fresh.caseId).not.toBe(former.caseId);
    expect(await caseOf(faxNumber, 'escalated')).toBeUndefined();
  };

  it('starts a fresh case for the new holder after an erased customer’s number leaves quarantine', async () => {
    const erased = await newCustomer();
    const { faxNumber } = erased.form;
    await escalateThenRecycle(faxNumber, erased.accountId, async () => {
      // The erasure's release of the number, then the end of its quarantine.
      const quarantinedUntil = quarantineEndOf(new Date());
      await releaseIntoQuarantine(faxNumber, erased.accountId, quarantinedUntil);
      await call('PUT', '/_local/clock', { json: { now: new Date(Date.parse(quarantinedUntil) + 60_000).toISOString() } });
      expect((await call('POST', '/_local/schedules/number-quarantine/run')).status).toBe(200);
      await call('DELETE', '/_local/clock');
    });
  }, HANG_GUARD_MS);

  it('starts a fresh case for the new holder after an unproven sign-up’s number is freed by its expiry', async () => {
    const form = await signUpForm();
    const signedUp = await call('POST', '/accounts', { json: form });
    expect(signedUp.status).toBe(201);
    await escalateThenRecycle(form.faxNumber, signedUp.body.accountId, async () => {
      await call('PUT', '/_local/clock', { json: { now: new Date(Date.now() + SIGNUP_PROOF_DAYS * 86_400_000 + 60_000).toISOString() } });
      expect((await call('POST', '/_local/schedules/signup-expiry/run')).status).toBe(200);
      await call('DELETE', '/_local/clock');
    });
  }, HANG_GUARD_MS);
});
