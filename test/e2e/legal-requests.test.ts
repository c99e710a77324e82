import { randomInt, randomUUID } from 'node:crypto';
import { adminToken, call, newCustomer } from './support/client';
import { awaitEmails } from './support/emails';
import { storedItem, storedObjectKeys, storedObjectTags } from './support/emulators';
import { faxEvent, gatewayCall } from './support/gateway';

// Legal requests over HTTP (API.md, "Legal requests (admin)"; README, "Legal requests"): the kind ×
// category table end to end, the fee, the notice and the quash window with the clock moved,
// objection, and a production that holds the subject's data in scope and nothing of anyone else.

// A guard against a hang on a loaded machine (sign-ups, faxes through the queue), not a speed assertion.
const HANG_GUARD_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ALL_CATEGORIES = ['account', 'billing', 'fax_metadata', 'fax_content', 'rights_requests', 'junk_reports'];
const NOTICE_SUBJECT = 'A legal request for your fax service data';

const admin = async () => ({ token: await adminToken() });
const aSource = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

const legalRequest = (subject: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  kind: 'civil_subpoena',
  receivedInWriting: true,
  requester: { name: 'Pat Counsel', organization: 'Counsel & Co', email: `counsel.${randomUUID().slice(0, 8)}@law.test`, address: '1 Court St, Denver CO' },
  subject,
  scope: { categories: ALL_CATEGORIES },
  documentRefs: ['subpoena.pdf'],
  noticeProhibited: true,
  ...overrides,
});

const file = async (body: unknown) => call('POST', '/admin/legal-requests', { ...(await admin()), json: body });
const pay = async (id: string, amountCents = 25_000) => call('POST', `/admin/legal-requests/${id}/fee`, { ...(await admin()), json: { amountCents } });
const produce = async (id: string) => call('POST', `/admin/legal-requests/${id}/produce`, await admin());
const read = async (id: string) => call('GET', `/admin/legal-requests/${id}`, await admin());
const moveClockTo = async (at: number) => expect((await call('PUT', '/_local/clock', { json: { now: new Date(at).toISOString() } })).status).toBe(200);

/** A customer with `faxes` faxes in their inbox. */
const customerWithFaxes = async (faxes: number) => {
  const customer = await newCustomer();
  const faxIds: string[] = [];
  for (let n = 0; n < faxes; n += 1) faxIds.push((await gatewayCall('/gateway/faxes', faxEvent(customer.form.faxNumber, { from: '+15559870001' }))).body.faxId);
  const inboxHolds = async () => (await call('GET', '/faxes?limit=100', { token: customer.token })).body.items.length === faxes;
  for (const deadline = Date.now() + 10_000; !(await inboxHolds()) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
  return { ...customer, faxIds };
};

/** The package behind a production link: its redirect followed to the bucket. */
const download = async (url: string) => {
  const opened = await fetch(url, { redirect: 'manual' });
  expect(opened.status).toBe(302);
  const object = await fetch(opened.headers.get('location')!);
  expect(object.status).toBe(200);
  return object.json() as Promise<any>;
};

afterEach(async () => {
  await call('DELETE', '/_local/clock');
});

describe('POST /admin/legal-requests', () => {
  it.each([
    ['customer_consent', { consentDocumentRef: 'consent.pdf' }, true],
    ['civil_subpoena', {}, false],
    ['criminal_subpoena', {}, false],
    ['court_order', {}, true],
    ['search_warrant', {}, true],
  ])(
    'under a %s lists what it withholds at creation and produces exactly the rest',
    async (kind, extra, producesContent) => {
      // Prepare
      const { accountId } = await customerWithFaxes(1);

      // Act
      const filed = await file(legalRequest({ accountId }, { kind, ...extra }));
      const id = filed.body.legalRequestId as string;
      const paid = await pay(id);
      const produced = await produce(id);

      // Assess
      expect(filed.status).toBe(201);
      expect(filed.headers.get('content-type')).toContain('application/json');
      expect(filed.body).toMatchObject({ status: 'awaiting_fee', feeDueCents: 25_000 });
      expect(filed.body.withheld).toEqual(producesContent ? [] : [{ category: 'fax_content', reason: expect.stringContaining('content') }]);
      expect(paid.body.status).toBe('ready');
      expect(produced.status).toBe(200);
      expect(produced.body.counts.fax).toBe(1);
      expect(produced.body.counts.account).toBe(1);
      expect(produced.body.counts.fax_content).toBe(producesContent ? 1 : undefined);
      const pkg = await download(produced.body.production.url);
      expect(pkg.withheld).toEqual(filed.body.withheld);
      expect('fax_content' in pkg.data).toBe(producesContent);
      if (producesContent) expect(Buffer.from(pkg.data.fax_content[0].contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      expect((await read(id)).body).toMatchObject({ status: 'produced', withheld: filed.body.withheld, production: { counts: produced.body.counts } });
    },
    HANG_GUARD_MS,
  );

  it.each([
    ['not in writing', { receivedInWriting: false }],
    ["a consent without the customer's written consent", { kind: 'customer_consent' }],
  ])('answers 422 to a request %s, storing nothing', async (_case, overrides) => {
    // Act
    const refused = await file(legalRequest({ email: `nobody.${randomUUID().slice(0, 8)}@acme.test` }, overrides));

    // Assess
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    const listed = await call('GET', '/admin/legal-requests?status=awaiting_fee&limit=100', await admin());
    expect(JSON.stringify(listed.body)).not.toContain('nobody.');
  });
});

describe('the fee and the quash window', () => {
  it('needs at least $250 before production, tells the customer, and produces nothing before the quash window ends', async () => {
    // Prepare
    const { accountId, form } = await customerWithFaxes(0);
    const filed = await file(legalRequest({ faxNumber: form.faxNumber }, { noticeProhibited: false }));
    const id = filed.body.legalRequestId as string;

    // Act
    const beforeFee = await produce(id);
    const tooLittle = await pay(id, 24_999);
    const paid = await pay(id, 25_000);
    const paidAgain = await pay(id, 25_000);
    const inWindow = await produce(id);
    await moveClockTo(Date.parse(paid.body.quashEndsAt) + 60_000);
    const afterWindow = await produce(id);

    // Assess
    expect(beforeFee.status).toBe(409);
    expect(tooLittle.status).toBe(422);
    expect(paid.body).toMatchObject({ status: 'notice_period', accountId, notice: 'owed', feePaidCents: 25_000 });
    expect(Date.parse(paid.body.quashEndsAt) - Date.parse(paid.body.receivedAt)).toBe(14 * DAY_MS);
    expect(paidAgain.status).toBe(409);
    expect(inWindow.status).toBe(409);
    expect(afterWindow.status).toBe(200);
    const [notice] = (await awaitEmails(form.email, 2)).filter(({ subject }) => subject === NOTICE_SUBJECT);
    expect(notice.text).toContain('Counsel & Co');
    expect(notice.text).toContain(paid.body.quashEndsAt);
    const { body } = await read(id);
    const actions = body.audit.map(({ action }: { action: string }) => action);
    // The first two share their instant (the trail orders by time, then by digest).
    expect([...actions.slice(0, 2).sort(), ...actions.slice(2)]).toEqual(['awaiting-fee', 'received', 'fee-paid', 'notice-period-ended', 'produced']);
    expect(body.audit[2].actor).toEqual({ kind: 'admin', adminId: expect.any(String) });
  }, HANG_GUARD_MS);

  it('sends no notice when it is prohibited, and none for a consent', async () => {
    // Prepare
    const { accountId, form } = await customerWithFaxes(0);

    // Act
    const prohibited = await file(legalRequest({ accountId }, { kind: 'court_order', noticeProhibited: true }));
    const consent = await file(legalRequest({ accountId }, { kind: 'customer_consent', consentDocumentRef: 'consent.pdf', noticeProhibited: false }));

    // Assess
    expect((await read(prohibited.body.legalRequestId)).body).toMatchObject({ notice: 'prohibited' });
    expect((await read(consent.body.legalRequestId)).body).toMatchObject({ notice: 'not_owed' });
    expect((await awaitEmails(form.email, 2, 1_500)).filter(({ subject }) => subject === NOTICE_SUBJECT)).toEqual([]);
  }, HANG_GUARD_MS);
});

describe('objection and illegal transitions', () => {
  it('objects with a reason (audited), closes the hold, and refuses every further step with 409', async () => {
    // Prepare
    const { accountId } = await customerWithFaxes(0);
    const id = (await file(legalRequest({ accountId }))).body.legalRequestId as string;
    const heldBefore = await call('GET', '/admin/legal-holds?limit=100', await admin());

    // Act
    const objected = await call('POST', `/admin/legal-requests/${id}/object`, { ...(await admin()), json: { reason: 'Overbroad: every category for all time.' } });
    const again = await call('POST', `/admin/legal-requests/${id}/object`, { ...(await admin()), json: { reason: 'Again.' } });
    const fee = await pay(id);
    const produced = await produce(id);

    // Assess
    expect(heldBefore.body.items.map(({ legalRequestId }: { legalRequestId: string }) => legalRequestId)).toContain(id);
    expect(objected.status).toBe(200);
    expect(objected.body).toMatchObject({ status: 'objected', closingReason: 'Overbroad: every category for all time.' });
    expect([again.status, fee.status, produced.status]).toEqual([409, 409, 409]);
    const { body } = await read(id);
    expect(body.audit.at(-1)).toMatchObject({ action: 'objected', reason: 'Overbroad: every category for all time.' });
    const held = await call('GET', '/admin/legal-holds?limit=100', await admin());
    expect(held.body.items.map(({ legalRequestId }: { legalRequestId: string }) => legalRequestId)).not.toContain(id);
    const listed = await call('GET', '/admin/legal-requests?status=objected&limit=100', await admin());
    expect(listed.body.items.map(({ legalRequestId }: { legalRequestId: string }) => legalRequestId)).toContain(id);
  }, HANG_GUARD_MS);

  it('answers 404 for an unknown id', async () => {
    // Act
    const unknown = await read('lgr_01JZ8Q3V5K9TWXB2C4D6E8F0GH');

    // Assess
    expect(unknown.status).toBe(404);
  });
});

describe('production', () => {
  it("holds the subject's data in scope and time range, and nothing of unrelated people", async () => {
    // Prepare
    const subject = await customerWithFaxes(2);
    const bystander = await customerWithFaxes(1);
    const reporterEmail = `reporter.${randomUUID().slice(0, 8)}@example.test`;
    // Someone else reports the subject's number; the subject reports a sender of their own.
    expect(
      (await call('POST', '/junk-fax-reports', { json: { senderFaxNumber: subject.form.faxNumber, reporterEmail, reporterName: 'Rita Reporter', description: 'Spam from them' }, from: aSource() }))
        .status,
    ).toBe(202);
    expect((await call('POST', '/junk-fax-reports', { token: subject.token, json: { senderFaxNumber: '+15559870009' }, from: aSource() })).status).toBe(202);
    const id = (await file(legalRequest({ email: subject.form.email }, { scope: { categories: ['account', 'fax_metadata', 'junk_reports'] } }))).body.legalRequestId as string;
    await pay(id);

    // Act
    const produced = await produce(id);

    // Assess
    expect(produced.status).toBe(200);
    const pkg = await download(produced.body.production.url);
    const text = JSON.stringify(pkg);
    expect(pkg.data.fax.map(({ faxId }: { faxId: string }) => faxId).sort()).toEqual([...subject.faxIds].sort());
    expect(pkg.data.account[0]).toMatchObject({ accountId: subject.accountId, email: subject.form.email });
    expect(pkg.data.account[0].billing).toBeUndefined();
    expect(pkg.data.fax_content).toBeUndefined();
    expect(pkg.data.junk_reports_about_subject).toEqual([expect.objectContaining({ senderFaxNumber: subject.form.faxNumber })]);
    expect(pkg.data.junk_report).toEqual([expect.objectContaining({ senderFaxNumber: expect.stringContaining('redacted') })]);
    for (const other of [bystander.accountId, bystander.form.email, bystander.form.faxNumber, ...bystander.faxIds, reporterEmail, 'Rita Reporter', 'Spam from them', '+15559870009']) {
      expect(text).not.toContain(other);
    }
    expect(produced.body.counts).toMatchObject({ account: 1, fax: 2, junk_reports_about_subject: 1, junk_report: 1 });
  }, HANG_GUARD_MS);

  it('keeps to the time range of the scope', async () => {
    // Prepare
    const subject = await customerWithFaxes(1);
    const future = new Date(Date.now() + DAY_MS).toISOString();
    const id = (await file(legalRequest({ accountId: subject.accountId }, { scope: { from: future, categories: ['fax_metadata'] } }))).body.legalRequestId as string;
    await pay(id);

    // Act
    const produced = await produce(id);

    // Assess
    expect(produced.body.counts).toEqual({ fax: 0 });
  }, HANG_GUARD_MS);

  it('answers 404 to a forged production link and 400 to a malformed one', async () => {
    // Prepare
    const { accountId } = await customerWithFaxes(0);
    const id = (await file(legalRequest({ accountId }, { scope: { categories: ['account'] } }))).body.legalRequestId as string;
    await pay(id);
    const { url } = (await produce(id)).body.production;

    // Act
    const [expiry, signature] = new URL(url).searchParams.get('token')!.split('.');
    const forgedToken = `${expiry}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const forged = await fetch(url.replace(/token=.*/, `token=${forgedToken}`), { redirect: 'manual' });
    const malformed = await fetch(url.replace(/token=.*/, 'token=nonsense'), { redirect: 'manual' });

    // Assess
    expect([forged.status, malformed.status]).toEqual([404, 400]);
  }, HANG_GUARD_MS);
});

describe('legal holds', () => {
  const runSchedule = async (name: string) => {
    const run = await call('POST', `/_local/schedules/${name}/run`);
    expect(run.status).toBe(200);
    return run.body;
  };
  /** The admin view of a rights request, once `until` holds of it (fulfilment is asynchronous), or as it stands after the timeout. */
  const rightsRequestOnce = async (requestId: string, until: (body: any) => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await call('GET', `/admin/rights-requests/${requestId}`, await admin());
      if (until(body) || Date.now() > deadline) return body;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('keeps an erasure on_hold (the requester told) while a produced request holds its person, and lets it finish by itself once the hold ends', async () => {
    // Prepare
    const customer = await customerWithFaxes(1);
    const id = (await file(legalRequest({ accountId: customer.accountId }))).body.legalRequestId as string;
    await pay(id);
    const producedAt = Date.parse((await produce(id)).body.production.expiresAt) - 7 * DAY_MS;

    // Act
    const filed = await call('POST', '/rights-requests', { token: customer.token, json: { type: 'erasure', email: customer.form.email } });
    const held = await rightsRequestOnce(filed.body.requestId, ({ status }) => status === 'on_hold');
    const asOwner = await call('GET', `/rights-requests/${filed.body.requestId}`, { token: customer.token });
    await moveClockTo(producedAt + 29 * DAY_MS);
    const beforeEnd = await runSchedule('legal-holds');
    await moveClockTo(producedAt + 30 * DAY_MS + 60_000);
    const afterEnd = await runSchedule('legal-holds');
    const done = await rightsRequestOnce(filed.body.requestId, ({ status }) => status === 'completed');

    // Assess
    expect(held.status).toBe('on_hold');
    expect(asOwner.body).toMatchObject({ status: 'on_hold', result: { reason: 'legal_hold' } });
    expect((await awaitEmails(customer.form.email, 2)).map(({ subject }) => subject)).toContain('Your privacy request is on hold');
    expect(beforeEnd.erasuresStillHeld).toBeGreaterThanOrEqual(1);
    expect(afterEnd.erasuresResumed).toBeGreaterThanOrEqual(1);
    expect(done.status).toBe('completed');
    expect(await storedItem(`ACCOUNT#${customer.accountId}`, 'PROFILE')).toBeUndefined();
    const listed = await call('GET', '/admin/legal-holds?limit=100', await admin());
    expect(listed.body.items.map(({ legalRequestId }: { legalRequestId: string }) => legalRequestId)).not.toContain(id);
  }, HANG_GUARD_MS);

  it('keeps held faxes and their documents through the retention sweep (TTL off, documents tagged out of the lifecycle), refuses their deletion (409), and gives them back when the hold ends', async () => {
    // Prepare
    const held = await customerWithFaxes(2);
    const free = await customerWithFaxes(1);
    const id = (await file(legalRequest({ email: held.form.email }, { scope: { categories: ['fax_metadata'] } }))).body.legalRequestId as string;
    const faxes = (await call('GET', '/faxes', { token: held.token })).body.items as { faxId: string; expiresAt: string }[];

    // Act
    const deletion = await call('DELETE', `/faxes/${held.faxIds[0]}`, { token: held.token });
    await moveClockTo(Date.parse(faxes[0].expiresAt) + DAY_MS);
    const swept = await runSchedule('retention-sweep');

    // Assess
    expect(deletion.status).toBe(409);
    expect(deletion.headers.get('content-type')).toBe('application/problem+json');
    expect(swept.faxesRemoved).toBeGreaterThanOrEqual(1);
    const documents = await storedObjectKeys();
    for (const faxId of held.faxIds) {
      expect(await storedItem(`ACCOUNT#${held.accountId}`, `FAX#${faxId}`)).toBeDefined();
      expect(documents).toContain(`faxes/${faxId}`);
    }
    expect(await storedItem(`ACCOUNT#${free.accountId}`, `FAX#${free.faxIds[0]}`)).toBeUndefined();
    expect(documents).not.toContain(`faxes/${free.faxIds[0]}`);
    const heldItem = await storedItem(`ACCOUNT#${held.accountId}`, `FAX#${held.faxIds[0]}`);
    // Out of TTL's and the sweep's reach: no TTL attribute, no expiry index entry.
    expect(heldItem).toMatchObject({ legalHolds: new Set([id]) });
    expect(heldItem?.expiresAtEpoch).toBeUndefined();
    expect(heldItem?.GSI1PK).toBeUndefined();
    expect(await storedObjectTags(`faxes/${held.faxIds[0]}`)).toEqual({ retention: 'legal-hold' });

    // Act: the hold ends (an objection), the hold-release step gives the faxes back, the sweep takes them.
    await call('POST', `/admin/legal-requests/${id}/object`, { ...(await admin()), json: { reason: 'Overbroad.' } });
    const released = await runSchedule('legal-holds');
    const givenBack = await storedItem(`ACCOUNT#${held.accountId}`, `FAX#${held.faxIds[0]}`);
    const tagsBack = await storedObjectTags(`faxes/${held.faxIds[0]}`);
    const sweptAgain = await runSchedule('retention-sweep');

    // Assess
    expect(released.faxHoldsReleased).toBeGreaterThanOrEqual(1);
    expect(givenBack?.expiresAtEpoch).toBe(Math.floor(Date.parse(givenBack?.expiresAt) / 1000));
    expect(givenBack?.GSI1PK).toMatch(/^FAXEXPIRY#/);
    expect(givenBack?.legalHolds).toBeUndefined();
    expect(tagsBack).toEqual({ retention: 'standard' });
    expect(sweptAgain.faxesRemoved).toBeGreaterThanOrEqual(2);
    for (const faxId of held.faxIds) expect(await storedItem(`ACCOUNT#${held.accountId}`, `FAX#${faxId}`)).toBeUndefined();
  }, HANG_GUARD_MS);
});
