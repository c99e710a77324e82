import { randomUUID } from 'node:crypto';
import { SIGN_UPS_PER_EMAIL_PER_DAY } from '../../shared/accounts/sign-up-limits';
import { call, runtimeOutput, signUpForm, signUpFields } from './support/client';

// Sign-ups per email a day, over HTTP (the per-source limit is raised for the e2e runtime, whose
// every test signs up from 127.0.0.1; its rule is proven in shared/accounts/sign-up-limits.test.ts
// and functions/create-account/handler.test.ts).

const usedPersonalData: string[] = [];
const mailbox = () => {
  const email = `limit.${randomUUID().slice(0, 8)}@acme.test`;
  usedPersonalData.push(email);
  return email;
};
const tagged = (email: string, tag: string) => email.replace('@', `+${tag}@`);

describe('sign-ups per email a day', () => {
  it(`takes ${SIGN_UPS_PER_EMAIL_PER_DAY} sign-ups of one mailbox’s +tag variants, then answers 429 problems that name nobody and store nothing`, async () => {
    // Prepare
    const email = mailbox();
    for (let n = 0; n < SIGN_UPS_PER_EMAIL_PER_DAY; n += 1) {
      expect((await call('POST', '/accounts', { json: await signUpForm({ email: tagged(email, String(n)) }) })).status).toBe(201);
    }
    const form = await signUpForm({ email: tagged(email, 'late') });

    // Act
    const refused = await call('POST', '/accounts', { json: form });
    const refusedPlain = await call('POST', '/accounts', { json: await signUpForm({ email }) });

    // Assess
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429 });
    expect(JSON.stringify(refused.body)).not.toContain('acme.test');
    expect(refusedPlain.status).toBe(429);
    // The number the refused sign-up asked for is still free.
    expect((await call('POST', '/accounts', { json: signUpFields({ email: mailbox(), faxNumber: form.faxNumber }) })).status).toBe(201);
  }, 60_000);

  it('answers a used-up day alike whether or not the email has an account (429, never a 409 that would tell)', async () => {
    // Prepare
    const taken = mailbox();
    const free = mailbox();
    expect((await call('POST', '/accounts', { json: await signUpForm({ email: taken }) })).status).toBe(201);
    const statuses = async (email: string) => {
      const seen: number[] = [];
      for (let n = 0; n < SIGN_UPS_PER_EMAIL_PER_DAY; n += 1) seen.push((await call('POST', '/accounts', { json: signUpFields({ email }) })).status);
      return seen;
    };

    // Act
    const takenStatuses = await statuses(taken);
    const freeStatuses = await statuses(free);

    // Assess
    expect(takenStatuses).toEqual([409, 409, 429]);
    // Numbers not in the inventory: a 422, counted as any attempt.
    expect(freeStatuses).toEqual([422, 422, 422]);
    expect((await call('POST', '/accounts', { json: signUpFields({ email: free }) })).status).toBe(429);
  }, 60_000);

  it('logged none of the emails it sent', () => {
    // Act
    const output = runtimeOutput();

    // Assess
    expect(usedPersonalData.filter((value) => output.includes(value))).toEqual([]);
  });
});
