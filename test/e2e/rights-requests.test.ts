import { adminToken, call, newCustomer, runtimeOutput } from './support/client';
import { otherCode } from './support/codes';
import { CODE_LIFETIME_MS, codeEmailTo, emailTo, publicRequest, someEmail, statusOf, verify } from './support/rights';

// Privacy rights requests' intake over HTTP (API.md, "Privacy rights requests"): public requests
// proven by an emailed code and a request token, customers' verified at once; their limits per
// email are in code-limits.test.ts.

afterEach(async () => {
  await call('DELETE', '/_local/clock');
});

describe('POST /rights-requests and its verification', () => {
  it('takes a public request, emails its code, and the code with the request token verifies it', async () => {
    // Act
    const { email, code, requestId, requestToken, receipt } = await publicRequest(someEmail(), { details: 'Everything you hold,\nplease.' });
    const verified = await verify(requestId, requestToken, code);

    // Assess
    expect(receipt).toEqual({ requestId: expect.stringMatching(/^rrq_/), type: 'access', status: 'pending_verification', dueAt: expect.any(String), requestToken: expect.any(String) });
    expect(Buffer.from(requestToken, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ status: 'verified' });
    const read = await statusOf(requestId, { requestToken });
    // Fulfilment may have taken it up already.
    expect(read.body).toMatchObject({ requestId, type: 'access', status: expect.stringMatching(/^(verified|in_progress|completed)$/), dueAt: receipt.dueAt });
    const log = runtimeOutput();
    for (const secret of [code, requestToken, 'Everything you hold', email]) expect(log).not.toContain(secret);
  });

  it('is due one calendar month after receipt', async () => {
    // Prepare
    await call('PUT', '/_local/clock', { json: { now: '2027-01-31T10:00:00.000Z' } });

    // Act
    const created = await call('POST', '/rights-requests', { json: { type: 'complaint', email: someEmail() } });

    // Assess
    expect(created.body.dueAt).toMatch(/^2027-02-28T10:00:00/);
  });

  it('rejects the request at the 5th wrong code: the right code no longer verifies it', async () => {
    // Prepare
    const { code, requestId, requestToken } = await publicRequest();

    // Act
    const wrong = [];
    for (let n = 0; n < 5; n += 1) wrong.push((await verify(requestId, requestToken, otherCode(code))).status);
    const right = await verify(requestId, requestToken, code);

    // Assess
    expect(wrong).toEqual([422, 422, 422, 422, 422]);
    expect(right.status).toBe(409);
    expect((await statusOf(requestId, { requestToken })).body.status).toBe('rejected');
  });

  it('refuses an expired code with 410 and rejects the request', async () => {
    // Prepare
    const { code, requestId, requestToken } = await publicRequest();
    await call('PUT', '/_local/clock', { json: { now: new Date(Date.now() + CODE_LIFETIME_MS + 1000).toISOString() } });

    // Act
    const late = await verify(requestId, requestToken, code);

    // Assess
    expect(late.status).toBe(410);
    expect((await statusOf(requestId, { requestToken })).body.status).toBe('rejected');
  });

  it('opens a request with its own token only: another request’s, none, or a made-up id is the same 404', async () => {
    // Prepare
    const mine = await publicRequest();
    const theirs = await publicRequest();

    // Act
    const withTheirToken = await verify(mine.requestId, theirs.requestToken, mine.code);
    const withoutToken = await verify(mine.requestId, undefined, mine.code);
    const readWithTheirToken = await statusOf(mine.requestId, { requestToken: theirs.requestToken });
    const unknown = await statusOf('rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH', { requestToken: mine.requestToken });

    // Assess
    for (const refused of [withTheirToken, withoutToken, readWithTheirToken, unknown]) expect(refused.status).toBe(404);
    expect(withTheirToken.body.detail).toBe(unknown.body.detail);
    expect((await statusOf(mine.requestId, { requestToken: mine.requestToken })).body.status).toBe('pending_verification');
  });

  it('answers the same for an email some account holds as for one nobody holds, and sends the code to either', async () => {
    // Prepare
    const { form } = await newCustomer();

    // Act
    const known = await call('POST', '/rights-requests', { json: { type: 'erasure', email: form.email } });
    const unknown = await call('POST', '/rights-requests', { json: { type: 'erasure', email: someEmail() } });

    // Assess
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(Object.keys(known.body).sort()).toEqual(Object.keys(unknown.body).sort());
    expect(known.body.status).toBe(unknown.body.status);
    expect(await codeEmailTo(form.email)).toBeDefined();
  });
});

describe('rights requests of customers', () => {
  it('verifies at once a request for the customer’s own email, with no request token, and shows it to them', async () => {
    // Prepare
    const { form, token } = await newCustomer();

    // Act
    const created = await call('POST', '/rights-requests', { token, json: { type: 'rectification', email: form.email.toUpperCase(), corrections: { contactName: 'Ana M. Ruiz' } } });
    const read = await statusOf(created.body.requestId, { token });

    // Assess
    expect(created.status).toBe(202);
    expect(created.body).toEqual({ requestId: expect.any(String), type: 'rectification', status: 'verified', dueAt: expect.any(String) });
    expect(read.status).toBe(200);
    // Fulfilment may have taken it up already.
    expect(read.body).toMatchObject({ requestId: created.body.requestId, type: 'rectification', status: expect.stringMatching(/^(verified|in_progress|completed)$/) });
  });

  it('treats a customer’s request for another email as anyone’s: a code to that email', async () => {
    // Prepare
    const { token } = await newCustomer();
    const email = someEmail();

    // Act
    const created = await call('POST', '/rights-requests', { token, json: { type: 'access', email } });

    // Assess
    expect(created.body).toMatchObject({ status: 'pending_verification', requestToken: expect.any(String) });
    expect(await codeEmailTo(email)).toBeDefined();
  });

  it('shows a public request to the customer whose email it is about, and to no other customer', async () => {
    // Prepare
    const owner = await newCustomer();
    const other = await newCustomer();
    const { requestId } = await publicRequest(owner.form.email);

    // Act
    const byOwner = await statusOf(requestId, { token: owner.token });
    const byOther = await statusOf(requestId, { token: other.token });
    const byNobody = await statusOf(requestId, {});

    // Assess
    expect(byOwner.status).toBe(200);
    expect(byOther.status).toBe(404);
    expect(byNobody.status).toBe(404);
  });

  it('refuses a bad token with 401, on both optional routes', async () => {
    // Prepare
    const forged = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
    const { requestId, requestToken } = await publicRequest();

    // Act
    const created = await call('POST', '/rights-requests', { token: forged, json: { type: 'access', email: someEmail() } });
    const read = await statusOf(requestId, { token: forged, requestToken });

    // Assess
    expect(created.status).toBe(401);
    expect(read.status).toBe(401);
  });
});

/** The request once fulfilment completed it (polled; fulfilment runs off the queue). */
const completed = async (requestId: string, options: { requestToken?: string; token?: string }, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const read = await statusOf(requestId, options);
    if (read.body.status === 'completed' || Date.now() > deadline) return read.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
const completionEmailTo = (address: string) => emailTo(address, 'Your privacy request is complete', 15_000);
const profileOf = async (token: string) => (await call('GET', '/me', { token })).body;
/** A customer whose first sign-in made the account active, opted in to marketing. */
const customerOptedIn = async () => {
  const customer = await newCustomer();
  expect((await call('PUT', '/me/preferences', { token: customer.token, json: { marketingOptIn: true } })).status).toBe(200);
  return customer;
};

describe('fulfilment of rights requests', () => {
  it('applies a customer’s rectification: GET /me shows the corrections, and the requester is emailed', async () => {
    // Prepare
    const { form, token } = await newCustomer();

    // Act
    const created = await call('POST', '/rights-requests', { token, json: { type: 'rectification', email: form.email, corrections: { contactName: 'Ana M. Ruiz', company: 'Ruiz Dental' } } });
    const done = await completed(created.body.requestId, { token });

    // Assess
    expect(done).toMatchObject({ status: 'completed', completedAt: expect.any(String), result: { corrected: ['company', 'contactName'] } });
    expect(await profileOf(token)).toMatchObject({ contactName: 'Ana M. Ruiz', company: 'Ruiz Dental', phone: form.phone });
    expect((await completionEmailTo(form.email))?.text).toContain('rectification');
  });

  it('restricts processing for a request proven by the emailed code', async () => {
    // Prepare
    const { form, token } = await newCustomer();
    await profileOf(token);
    const { requestId, requestToken, code } = await publicRequest(form.email, { type: 'restriction' });

    // Act
    expect((await verify(requestId, requestToken, code)).status).toBe(200);
    const done = await completed(requestId, { requestToken });

    // Assess
    expect(done).toMatchObject({ status: 'completed', result: { restricted: true } });
    expect((await profileOf(token)).processing).toEqual({ restricted: true, objectedToProfiling: false });
  });

  it('records an objection: no marketing, no profiling', async () => {
    // Prepare
    const { form, token } = await customerOptedIn();

    // Act
    const created = await call('POST', '/rights-requests', { token, json: { type: 'objection', email: form.email } });
    const done = await completed(created.body.requestId, { token });

    // Assess
    expect(done.result).toEqual({ marketingOptIn: false, objectedToProfiling: true });
    const profile = await profileOf(token);
    expect(profile.preferences.marketingOptIn).toBe(false);
    expect(profile.processing.objectedToProfiling).toBe(true);
  });

  it('withdraws marketing consent', async () => {
    // Prepare
    const { form, token } = await customerOptedIn();

    // Act
    const created = await call('POST', '/rights-requests', { token, json: { type: 'withdraw_consent', email: form.email } });
    const done = await completed(created.body.requestId, { token });

    // Assess
    expect(done.result).toEqual({ marketingConsentWithdrawn: true });
    expect((await profileOf(token)).preferences.marketingOptIn).toBe(false);
    expect(await completionEmailTo(form.email)).toBeDefined();
  });

  it('completes a rectification for an email no account holds, saying so', async () => {
    // Prepare
    const { requestId, requestToken, code } = await publicRequest(someEmail(), { type: 'rectification', corrections: { phone: '+15551234567' } });

    // Act
    await verify(requestId, requestToken, code);
    const done = await completed(requestId, { requestToken });

    // Assess
    expect(done).toMatchObject({ status: 'completed', result: { accountFound: false } });
  });

  it('records a complaint and answers where to lodge it; the admin route shows its audit trail, without the requester', async () => {
    // Prepare
    const email = someEmail();
    const { requestId, requestToken, code } = await publicRequest(email, { type: 'complaint', details: 'You kept emailing me.' });

    // Act
    await verify(requestId, requestToken, code);
    const done = await completed(requestId, { requestToken });
    const asAdmin = await call('GET', `/admin/rights-requests/${requestId}`, { token: await adminToken() });
    const asCustomer = await call('GET', `/admin/rights-requests/${requestId}`, { token: (await newCustomer()).token });

    // Assess
    expect(done.result.authorities).toHaveLength(4);
    for (const authority of done.result.authorities) expect(authority).toEqual({ name: expect.any(String), url: expect.stringMatching(/^https:\/\//) });
    expect(await completionEmailTo(email)).toBeDefined();
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toMatchObject({ requestId, type: 'complaint', status: 'completed', result: done.result });
    expect(asAdmin.body.audit.map(({ action, actor }: { action: string; actor: { kind: string } }) => [action, actor.kind])).toEqual([
      ['received', 'requester'],
      ['verified', 'requester'],
      ['fulfilment-started', 'service'],
      ['completed', 'service'],
    ]);
    expect(JSON.stringify(asAdmin.body)).not.toContain(email);
    expect(JSON.stringify(asAdmin.body)).not.toContain('You kept emailing me');
    expect(asCustomer.status).toBe(403);
  });
});
