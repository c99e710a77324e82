import { randomUUID } from 'node:crypto';
import { SIGN_UPS_PER_EMAIL_PER_DAY } from '../../shared/accounts/sign-up-limits';
import { call, newCustomer, runtimeOutput, signUpFields, signUpForm, tokenFor } from './support/client';

// The accounts slice of API.md, over HTTP against the local runtime, as a web client uses it.

const CARD_NUMBER = '4111 1111 1111 1111';
const usedPersonalData: string[] = [];
const remember = <T extends { email: string; faxNumber: string }>(form: T): T => {
  usedPersonalData.push(form.email, form.faxNumber);
  return form;
};

describe('health and the edge', () => {
  it('answers /health with ok and a request id', async () => {
    const response = await call('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/\S+/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const response = await call('GET', '/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, title: 'Not found', type: expect.any(String), detail: expect.any(String) });
    expect(response.headers.get('x-request-id')).toMatch(/\S+/);
  });
});

describe('POST /accounts', () => {
  it('creates a pending account (active from its first sign-in) whose profile shows everything but the processor token', async () => {
    const form = remember(await signUpForm({ consents: { terms: true, marketing: true, privacyPolicyVersion: '2026-01' } }));
    const created = await call('POST', '/accounts', { json: form });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ accountId: expect.stringMatching(/^acc_/), status: 'pending' });

    const me = await call('GET', '/me', { token: await tokenFor(form.email) });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      accountId: created.body.accountId,
      company: form.company,
      contactName: form.contactName,
      phone: form.phone,
      email: form.email,
      faxNumber: form.faxNumber,
      status: 'active',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      preferences: { marketingOptIn: true, optOutAll: false, businessTransitionOptOut: false },
      processing: { restricted: false, objectedToProfiling: false },
      billing: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
      referralCode: expect.stringMatching(/^[0-9A-Z]{8}$/),
    });
    expect(JSON.stringify(me.body)).not.toContain('pm_abc123');
  });

  it('refuses a sign-up without the adult-or-business attestation and stores nothing of it', async () => {
    const form = remember(await signUpForm({ attestation: { adultOrBusiness: false } }));
    const refused = await call('POST', '/accounts', { json: form });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');

    // Nothing was kept: no account answers for the email, and the same email and fax number sign up cleanly.
    expect((await call('POST', '/_local/token', { json: { email: form.email } })).status).toBe(422);
    expect((await call('POST', '/accounts', { json: { ...form, attestation: { adultOrBusiness: true } } })).status).toBe(201);
  });

  it.each([
    ['in a free-text field', { company: `Acme ${CARD_NUMBER}` }],
    ['as a dashed number', { contactName: '4111-1111-1111-1111' }],
    ['in a cvv field', { billing: { processorToken: 'pm_x12', brand: 'visa', last4: '1111', expMonth: 1, expYear: 2031, cvv: '123' } }],
    ['in a cardNumber field', { cardNumber: '4111111111111111' }],
  ])('refuses card data %s with a 400 that does not echo it', async (_where, overrides) => {
    const form = remember(await signUpForm(overrides));
    const refused = await call('POST', '/accounts', { json: form });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })]));
    const echoed = JSON.stringify(refused.body);
    expect(echoed).not.toMatch(/4111[ -]?1111/);
    expect(echoed).not.toContain('"123"');
    expect((await call('POST', '/_local/token', { json: { email: form.email } })).status).toBe(422);
  });

  it('answers 409 for an email or a fax number that a live account holds', async () => {
    const first = remember(await signUpForm());
    expect((await call('POST', '/accounts', { json: first })).status).toBe(201);
    const sameEmail = remember(await signUpForm({ email: first.email.toUpperCase() }));
    const sameFax = remember(await signUpForm({ faxNumber: first.faxNumber }));

    const emailTaken = await call('POST', '/accounts', { json: sameEmail });
    const faxTaken = await call('POST', '/accounts', { json: sameFax });

    expect(emailTaken.status).toBe(409);
    expect(faxTaken.status).toBe(409);
    expect(emailTaken.body.detail).toMatch(/email/);
    expect(faxTaken.body.detail).toMatch(/fax number/);
  });

  it.each(['email', 'faxNumber'] as const)('lets exactly one of many concurrent sign-ups with the same %s win', async (field) => {
    const shared = remember(await signUpForm())[field];
    const attempts = await Promise.all(Array.from({ length: 8 }, async () => remember(await signUpForm({ [field]: shared }))));

    const statuses = (await Promise.all(attempts.map((form) => call('POST', '/accounts', { json: form })))).map((r) => r.status);

    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    // One email takes SIGN_UPS_PER_EMAIL_PER_DAY attempts a day, counted atomically however many race: the others are 429s.
    const passed = field === 'email' ? SIGN_UPS_PER_EMAIL_PER_DAY : attempts.length;
    expect(statuses.filter((status) => status === 409)).toHaveLength(passed - 1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(attempts.length - passed);
  });

  it('refuses bodies that are not JSON, malformed, too large or off-schema, with problem details', async () => {
    const notJson = await call('POST', '/accounts', { raw: 'company=Acme', contentType: 'application/x-www-form-urlencoded' });
    const malformed = await call('POST', '/accounts', { raw: '{"company": ', contentType: 'application/json' });
    const tooLarge = await call('POST', '/accounts', { json: signUpFields({ company: 'x'.repeat(20_000) }) });
    const unknownField = await call('POST', '/accounts', { json: signUpFields({ nickname: 'Ana' }) });
    const badPhone = await call('POST', '/accounts', { json: signUpFields({ phone: '555-1234' }) });

    expect([notJson.status, malformed.status, tooLarge.status, unknownField.status, badPhone.status]).toEqual([415, 400, 413, 400, 400]);
    for (const response of [notJson, malformed, tooLarge, unknownField, badPhone]) {
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(unknownField.body.errors).toEqual([{ path: '(body)', message: 'Unknown field.' }]);
    expect(JSON.stringify(unknownField.body)).not.toContain('nickname');
    expect(badPhone.body.errors).toEqual([expect.objectContaining({ path: 'phone' })]);
  });

  it('records a referral from a known code and refuses an unknown one', async () => {
    const referrer = await newCustomer();
    remember(referrer.form);
    const { referralCode } = (await call('GET', '/me', { token: referrer.token })).body;

    const referred = await call('POST', '/accounts', { json: remember(await signUpForm({ referralCode })) });
    const unknown = await call('POST', '/accounts', { json: remember(await signUpForm({ referralCode: 'ZZZZZZZZ' })) });

    expect(referred.status).toBe(201);
    expect(unknown.status).toBe(422);
  });
});

describe('bad input is a 4xx that echoes nothing', () => {
  const CARD_KEY = '4111111111111111';
  const EMAIL_KEY = 'private.person@example.test';

  it('never echoes or logs a card number or an email sent as a key: top level, in billing, on PATCH /me and PUT /me/preferences', async () => {
    const customer = await newCustomer();
    remember(customer.form);
    const responses = [];
    for (const key of [CARD_KEY, EMAIL_KEY]) {
      const form = remember(await signUpForm());
      responses.push(await call('POST', '/accounts', { json: { ...form, [key]: 'x' } }));
      responses.push(await call('POST', '/accounts', { json: { ...form, billing: { ...form.billing, [key]: 'x' } } }));
      responses.push(await call('PATCH', '/me', { token: customer.token, json: { company: 'Acme', [key]: 'x' } }));
      responses.push(await call('PUT', '/me/preferences', { token: customer.token, json: { optOutAll: false, [key]: true } }));
    }

    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(400));
    for (const response of responses) {
      expect(JSON.stringify(response.body)).not.toContain(CARD_KEY);
      expect(JSON.stringify(response.body)).not.toContain(EMAIL_KEY);
    }
    expect(runtimeOutput()).not.toContain(CARD_KEY);
    expect(runtimeOutput()).not.toContain(EMAIL_KEY);
  });

  it('refuses a card number however it is written, so none reaches GET /me', async () => {
    const customer = await newCustomer();
    remember(customer.form);
    const presentations = [
      '4111  1111  1111  1111',
      '4111\u00A01111\u00A01111\u00A01111',
      '4111\t1111\n1111\n1111',
      '4111.1111.1111.1111',
      '4111/1111/1111/1111',
      '4111 - 1111 - 1111 - 1111',
      '4111\u200B1111\u200B1111\u200B1111',
      '\uFF14\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11',
    ];

    const statuses = [];
    for (const card of presentations) statuses.push((await call('PATCH', '/me', { token: customer.token, json: { company: `Acme ${card}` } })).status);

    expect(statuses).toEqual(presentations.map(() => 400));
    expect((await call('GET', '/me', { token: customer.token })).body.company).toBe(customer.form.company);
  });

  it('answers 400, never 5xx, to about 4 KB of nested arrays on the public POST /accounts', async () => {
    const raw = JSON.stringify(remember(await signUpForm())).replace('"Acme Dental"', `${'['.repeat(2_000)}${']'.repeat(2_000)}`);

    const response = await call('POST', '/accounts', { raw });

    expect(response.status).toBe(400);
    expect(response.body.detail).toBe('The request body nests deeper than 32 levels.');
  });

  it('refuses control characters, lone surrogates and names of invisible characters only, changing nothing', async () => {
    const customer = await newCustomer();
    remember(customer.form);
    const changes = [{ company: 'Acme\u0000Dental' }, { company: 'Acme\u001B[2J' }, { contactName: 'Ana \uD800' }, { contactName: '\u200B\u200B\u200B' }];

    const responses = [];
    for (const json of changes) responses.push(await call('PATCH', '/me', { token: customer.token, json }));

    expect(responses.map((response) => response.status)).toEqual([400, 400, 400, 400]);
    const me = (await call('GET', '/me', { token: customer.token })).body;
    expect([me.company, me.contactName]).toEqual([customer.form.company, customer.form.contactName]);
  });
});

describe('tokens', () => {
  let token: string;
  beforeAll(async () => {
    const customer = await newCustomer();
    remember(customer.form);
    token = customer.token;
  });

  const forge = (header: object, payload: object, signature: string) =>
    [header, payload].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.' + signature;

  it('refuses a missing, forged, unsigned or expired token with 401', async () => {
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, 'custom:accountId': 'acc_someone_else' })).toString('base64url')}.${signature}`;
    const unsigned = forge({ alg: 'none', typ: 'JWT' }, claims, '');
    const expired = await tokenFor(claims.email, { expiresInSeconds: -60 });

    for (const credentials of [undefined, tampered, unsigned, expired, 'not-a-jwt']) {
      const response = await call('GET', '/me', { token: credentials });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await call('GET', '/me', { token })).status).toBe(200);
  });

  it('refuses a token signed by another key', async () => {
    const { SignJWT, generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const otherKey = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);

    expect((await call('GET', '/me', { token: otherKey })).status).toBe(401);
  });

  it('answers 403 to an admin token on a customer route', async () => {
    const admin = await tokenFor('admin@example.test', { groups: ['admin'] });
    expect((await call('GET', '/me', { token: admin })).status).toBe(403);
  });
});

describe('the customer’s own data', () => {
  it('corrects the profile with PATCH /me; a new email waits for its code, and one another account holds is answered alike', async () => {
    const ana = await newCustomer();
    const other = await newCustomer();
    remember(ana.form);
    remember(other.form);
    // No long digit run: a 13-digit timestamp passes Luhn one time in ten and is refused as card data.
    const newEmail = `ana.renamed.${randomUUID().slice(0, 8)}@acme.test`;
    usedPersonalData.push(newEmail);

    const patched = await call('PATCH', '/me', { token: ana.token, json: { contactName: 'Ana M. Ruiz', email: newEmail } });
    const taken = await call('PATCH', '/me', { token: ana.token, json: { email: other.form.email } });
    const empty = await call('PATCH', '/me', { token: ana.token, json: {} });
    const faxNumberIsNotEditable = await call('PATCH', '/me', { token: ana.token, json: { faxNumber: '+15550000000' } });

    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ contactName: 'Ana M. Ruiz', email: ana.form.email, pendingEmail: newEmail });
    expect((await call('GET', '/me', { token: ana.token })).body).toMatchObject({ contactName: 'Ana M. Ruiz', email: ana.form.email });
    // Nothing tells the caller that the email has an account: the change fails at its verification.
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ email: ana.form.email, pendingEmail: other.form.email });
    expect(empty.status).toBe(400);
    expect(faxNumberIsNotEditable.status).toBe(400);
    // Until the code is verified the old email stays held.
    expect((await call('POST', '/accounts', { json: remember(await signUpForm({ email: ana.form.email })) })).status).toBe(409);
  });

  it('sets preferences with PUT /me/preferences', async () => {
    const { form, token } = await newCustomer();
    remember(form);

    const optIn = await call('PUT', '/me/preferences', { token, json: { marketingOptIn: true } });
    const optOutAll = await call('PUT', '/me/preferences', { token, json: { optOutAll: true } });
    const contradictory = await call('PUT', '/me/preferences', { token, json: { marketingOptIn: true } });

    expect(optIn.status).toBe(200);
    expect(optIn.body).toEqual({ marketingOptIn: true, optOutAll: false, businessTransitionOptOut: false });
    expect(optOutAll.body).toEqual({ marketingOptIn: false, optOutAll: true, businessTransitionOptOut: false });
    expect(contradictory.status).toBe(422);
    expect((await call('GET', '/me', { token })).body.preferences).toEqual(optOutAll.body);
  });

  it('deactivates with DELETE /me: the token then reads /me but changes nothing', async () => {
    const { form, token } = await newCustomer();
    remember(form);

    const deactivated = await call('DELETE', '/me', { token });
    const again = await call('DELETE', '/me', { token });

    expect(deactivated.status).toBe(202);
    expect(deactivated.body).toEqual({ status: 'deactivated' });
    expect(again.status).toBe(202);
    const me = await call('GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.status).toBe('deactivated');
    expect((await call('PATCH', '/me', { token, json: { contactName: 'Someone' } })).status).toBe(403);
    expect((await call('PUT', '/me/preferences', { token, json: { marketingOptIn: true } })).status).toBe(403);
    // A deactivated account still holds its email and fax number.
    expect((await call('POST', '/accounts', { json: remember(await signUpForm({ email: form.email })) })).status).toBe(409);
  });
});

describe('the runtime’s output', () => {
  it('carries none of the personal data or card numbers these tests sent', () => {
    const output = runtimeOutput();
    expect(output.length).toBeGreaterThan(0);
    for (const datum of usedPersonalData) expect(output).not.toContain(datum);
    expect(output).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
  });
});
