import { randomUUID } from 'node:crypto';
import { SIGNUP_PROOF_DAYS } from '../../shared/accounts/expiry';
import { call, runtimeOutput, signUpForm, tokenFor } from './support/client';
import { awaitEmails } from './support/emails';
import { faxEvent, gatewayCall } from './support/gateway';

// An account's life over HTTP: pending until its owner's first sign-in (here `/_local/token`,
// which counts as one), no faxes until then, removed with its claims when never proven, and an
// email changed only with the code sent to the new address.

const usedPersonalData: string[] = [];
const signUp = async () => {
  const form = await signUpForm();
  usedPersonalData.push(form.email, form.faxNumber);
  return { form, created: await call('POST', '/accounts', { json: form }) };
};

describe('proof of email', () => {
  it('signs up pending; the number gets no faxes until the owner’s first sign-in makes the account active', async () => {
    const { form, created } = await signUp();
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ accountId: expect.stringMatching(/^acc_/), status: 'pending' });

    expect((await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber))).status).toBe(422);

    const token = await tokenFor(form.email);
    const me = await call('GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ accountId: created.body.accountId, status: 'active' });
    expect((await gatewayCall('/gateway/faxes', faxEvent(form.faxNumber))).status).toBe(202);
  });
});

describe('unproven sign-ups expire', () => {
  afterAll(async () => {
    await call('DELETE', '/_local/clock');
  });

  it(`removes a sign-up not proven within ${SIGNUP_PROOF_DAYS} days: its email and number are free again`, async () => {
    const { form, created } = await signUp();
    expect(created.status).toBe(201);
    const early = await call('POST', '/_local/schedules/signup-expiry/run');
    expect(early.status).toBe(200);

    await call('PUT', '/_local/clock', { json: { now: new Date(Date.now() + SIGNUP_PROOF_DAYS * 86_400_000 + 60_000).toISOString() } });
    const expiry = await call('POST', '/_local/schedules/signup-expiry/run');
    await call('DELETE', '/_local/clock');
    expect(expiry.status).toBe(200);
    expect(expiry.body.signUpsExpired).toBeGreaterThanOrEqual(1);

    // Gone: no token can be had for its email, and the same email and number sign up again.
    expect((await call('POST', '/_local/token', { json: { email: form.email } })).status).toBe(422);
    const again = await call('POST', '/accounts', { json: await signUpForm({ email: form.email, faxNumber: form.faxNumber }) });
    expect(again.status).toBe(201);
    expect(again.body.accountId).not.toBe(created.body.accountId);
  });

  it('keeps an account proven before the deadline', async () => {
    const { form } = await signUp();
    const token = await tokenFor(form.email);

    await call('PUT', '/_local/clock', { json: { now: new Date(Date.now() + SIGNUP_PROOF_DAYS * 86_400_000 + 60_000).toISOString() } });
    await call('POST', '/_local/schedules/signup-expiry/run');
    await call('DELETE', '/_local/clock');

    expect((await call('GET', '/me', { token })).body.status).toBe('active');
  });
});

describe('changing the email', () => {
  it('needs the code sent to the new address: until then the old email stays, a wrong code is a 422', async () => {
    const { form } = await signUp();
    const token = await tokenFor(form.email);
    const newEmail = `ana.moved.${randomUUID().slice(0, 8)}@acme.test`;
    usedPersonalData.push(newEmail);

    const patched = await call('PATCH', '/me', { token, json: { email: newEmail } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ email: form.email, pendingEmail: newEmail });

    const [codeEmail] = await awaitEmails(newEmail, 1);
    const code = /\b(\d{6})\b/.exec(codeEmail?.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await call('POST', '/me/email/verify', { token, json: { code: wrong } })).status).toBe(422);
    expect((await call('GET', '/me', { token })).body).toMatchObject({ email: form.email, pendingEmail: newEmail });
    // The old email is still this account's.
    expect((await call('POST', '/accounts', { json: await signUpForm({ email: form.email }) })).status).toBe(409);
  });

  it('answers 409 to a code when no change is pending', async () => {
    const { form } = await signUp();
    const token = await tokenFor(form.email);
    expect((await call('POST', '/me/email/verify', { token, json: { code: '123456' } })).status).toBe(409);
  });
});

describe('logs', () => {
  it('carry none of the personal data these tests sent', () => {
    const output = runtimeOutput();
    for (const value of usedPersonalData) expect(output).not.toContain(value);
  });
});
