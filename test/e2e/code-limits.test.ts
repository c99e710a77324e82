import { call, newCustomer, runtimeOutput } from './support/client';
import {
  changeEmail,
  EMAIL_CHANGE_CODES_A_DAY,
  newAddress,
  nthCodeTo,
  otherCode,
  RIGHTS_CODES_AWAITING_USE,
  RIGHTS_TRIES_A_DAY,
  useUpEmailChangeCodes,
  useUpRightsTries,
  verifyEmail,
} from './support/codes';
import { emailsTo } from './support/emails';
import { CODE_LIFETIME_MS, publicRequest, someEmail, verify } from './support/rights';

// The limits on one-time codes over HTTP (issue 15): per email for rights requests, per account
// for email changes, across requests and changes, answered 429 before anything is sent.

// Each test makes tens of calls, some waiting for emails: more than jest's default 5 seconds on a loaded machine.
const SLOW_MS = 30_000;
const sentSecrets: string[] = [];
const fileFor = (email: string) => call('POST', '/rights-requests', { json: { type: 'erasure', email } });

afterEach(async () => {
  await call('DELETE', '/_local/clock');
});

describe('rights-request codes, per email', () => {
  it(`keeps ${RIGHTS_CODES_AWAITING_USE} codes awaiting use: the next request is a 429 that sends nothing, until they expire`, async () => {
    // Prepare
    const email = someEmail();
    sentSecrets.push(email);
    for (let n = 0; n < RIGHTS_CODES_AWAITING_USE; n += 1) await publicRequest(email);

    // Act
    const refused = await fileFor(email.toUpperCase());
    const otherEmail = await fileFor(someEmail());
    await call('PUT', '/_local/clock', { json: { now: new Date(Date.now() + CODE_LIFETIME_MS + 1000).toISOString() } });
    const afterExpiry = await fileFor(email);

    // Assess
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429, title: 'Too many requests' });
    expect(JSON.stringify(refused.body)).not.toContain(email);
    expect(otherEmail.status).toBe(202);
    expect(afterExpiry.status).toBe(202);
    await nthCodeTo(email, RIGHTS_CODES_AWAITING_USE + 1);
    expect(await emailsTo(email)).toHaveLength(RIGHTS_CODES_AWAITING_USE + 1);
  }, SLOW_MS);

  it(`counts tries across requests: after ${RIGHTS_TRIES_A_DAY} wrong codes, even the right code of another request is a 429`, async () => {
    // Prepare
    const email = someEmail();
    sentSecrets.push(email);
    const fresh = await useUpRightsTries(email);

    // Act
    const lockedOut = await verify(fresh.requestId, fresh.requestToken, fresh.code);
    const status = await call('GET', `/rights-requests/${fresh.requestId}`, { headers: { 'x-request-token': fresh.requestToken } });

    // Assess
    expect(lockedOut.status).toBe(429);
    expect(status.body.status).toBe('pending_verification');
  }, SLOW_MS);

  it('answers alike whether or not the email has an account, at the limit too', async () => {
    // Prepare
    const customer = await newCustomer();
    const stranger = someEmail();
    sentSecrets.push(customer.form.email, stranger);
    const answers = async (email: string) => {
      const replies = [];
      for (let n = 0; n <= RIGHTS_CODES_AWAITING_USE; n += 1) replies.push(await fileFor(email));
      return replies.map(({ status, body }) => ({ status, keys: Object.keys(body).sort(), ...(status === 429 ? { body } : {}) }));
    };

    // Act
    const known = await answers(customer.form.email);
    const unknown = await answers(stranger);

    // Assess
    expect(known).toEqual(unknown);
    expect(known.map(({ status }) => status)).toEqual([202, 202, 202, 429]);
  }, SLOW_MS);
});

describe('email-change codes, per account', () => {
  it(`sends at most ${EMAIL_CHANGE_CODES_A_DAY} codes a day and counts tries across changes: then PATCH and verify are 429, the right code too`, async () => {
    // Prepare
    const { token, form } = await newCustomer();
    sentSecrets.push(form.email);
    await useUpEmailChangeCodes(token);
    const pending = (await call('GET', '/me', { token })).body.pendingEmail as string;
    const code = await nthCodeTo(pending, 1);

    // Act
    const patched = await changeEmail(token, newAddress());
    const verified = await verifyEmail(token, code);
    const otherFields = await call('PATCH', '/me', { token, json: { company: 'Acme Dental Group' } });

    // Assess
    expect(patched.status).toBe(429);
    expect(patched.headers.get('content-type')).toBe('application/problem+json');
    expect(verified.status).toBe(429);
    expect(otherFields.status).toBe(200);
    expect(otherFields.body).toMatchObject({ email: form.email, pendingEmail: pending });
  }, SLOW_MS);

  it('answers a change to an email another account holds as any other, sends that person nothing, and refuses it at verification with the wrong code’s 422', async () => {
    // Prepare
    const ana = await newCustomer();
    const holder = await newCustomer();
    sentSecrets.push(ana.form.email, holder.form.email);
    // The holder's own login invitation arrives whenever provisioning runs: only codes matter here.
    const codesToHolder = async () => (await emailsTo(holder.form.email)).filter((email) => email.subject === 'Your email verification code');

    // Act
    const taken = await changeEmail(ana.token, holder.form.email.toUpperCase());
    const tried = await verifyEmail(ana.token, '123456');
    const free = newAddress();
    const control = await changeEmail(ana.token, free);
    const wrong = await verifyEmail(ana.token, otherCode(await nthCodeTo(free, 1)));

    // Assess
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ email: ana.form.email, pendingEmail: holder.form.email });
    expect(tried.status).toBe(422);
    expect(wrong.status).toBe(422);
    expect(tried.body).toEqual(wrong.body);
    expect(control.status).toBe(200);
    // The free address's code arrived through the same pipeline: none went to the holder meanwhile.
    expect(await codesToHolder()).toHaveLength(0);
    expect((await call('GET', '/me', { token: holder.token })).body.email).toBe(holder.form.email);
  }, SLOW_MS);
});

it('logged none of the emails these tests sent', () => {
  const output = runtimeOutput();
  expect(sentSecrets.filter((secret) => output.includes(secret))).toEqual([]);
});
