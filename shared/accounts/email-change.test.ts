import { accountsWorld, testPseudonymiser } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { BusinessRuleViolation, Conflict, Gone } from '../errors';
import { ONE_TIME_CODE_ATTEMPTS as EMAIL_CODE_ATTEMPTS, ONE_TIME_CODE_LIFETIME_MINUTES } from '../one-time-codes';
import { personEmailHash } from '../pseudonyms';
import { updateProfile, verifyEmail } from './email-change';
import { getProfile } from './profile';

const NOW = '2026-06-15T12:00:00.000Z';
const NEW_EMAIL = 'ana.ruiz@newco.test';
const REQUEST_ID = 'req-patch-me';

beforeEach(() => pinClock(NOW));
afterEach(() => jest.restoreAllMocks());

/** An active account (its owner signed in) whose owner asked to change their email; answers the code emailed. */
const givenEmailChange = async () => {
  const w = accountsWorld();
  const accountId = await w.signUp();
  await getProfile(w.accounts, accountId);
  const deps = { ...w, pseudonymiser: testPseudonymiser };
  await w.logins.provision({ accountId, email: 'ana@acme.test', temporaryPassword: 'x' });
  const profile = await updateProfile(deps, accountId, { email: 'Ana.Ruiz@NewCo.test' }, REQUEST_ID);
  const sent = w.emails.to(NEW_EMAIL);
  const code = sent.length === 1 && sent[0].template === 'email-change-code' ? sent[0].params.code : '';
  return { w, deps, accountId, profile, code };
};
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('PATCH /me with a new email', () => {
  it('keeps the old email, shows the new one as pending and emails a 6-digit code to the new address (kept only as a digest)', async () => {
    // Act
    const { w, accountId, profile, code } = await givenEmailChange();

    // Assess
    expect(profile).toMatchObject({ email: 'ana@acme.test', pendingEmail: NEW_EMAIL });
    expect(code).toMatch(/^\d{6}$/);
    expect(w.emails.requested.at(-1)).toEqual({ template: 'email-change-code', messageId: expect.stringContaining(accountId), to: NEW_EMAIL, params: { code } });
    const stored = await w.accounts.get(accountId);
    expect(stored?.email).toBe('ana@acme.test');
    expect(stored?.emailChange).toEqual({ email: NEW_EMAIL, codeHash: expect.any(String), codeExpiresAt: '2026-06-15T12:15:00.000Z', attempts: 0 });
    expect(JSON.stringify(stored)).not.toContain(`"${code}"`);
  });

  it('answers 409 at once for an email another account holds, sending nothing', async () => {
    // Prepare
    const w = accountsWorld();
    const accountId = await w.signUp();
    await w.signUp('taken@acme.test');
    const before = w.emails.requested.length;

    // Act
    const change = updateProfile({ ...w, pseudonymiser: testPseudonymiser }, accountId, { email: 'taken@acme.test' }, REQUEST_ID);

    // Assess
    await expect(change).rejects.toBeInstanceOf(Conflict);
    expect(w.emails.requested).toHaveLength(before);
  });
});

describe('POST /me/email/verify', () => {
  it('with the right code, makes the new email the account’s and the login’s, moves the claim and drops the change', async () => {
    // Prepare
    const { w, deps, accountId, code } = await givenEmailChange();

    // Act
    const profile = await verifyEmail(deps, accountId, code);

    // Assess
    expect(profile.email).toBe(NEW_EMAIL);
    expect(profile).not.toHaveProperty('pendingEmail');
    expect(w.logins.logins.get(accountId)?.email).toBe(NEW_EMAIL);
    expect(await w.accounts.accountIdByEmail(NEW_EMAIL)).toBe(accountId);
    expect(await w.accounts.accountIdByEmail('ana@acme.test')).toBeUndefined();
    expect((await w.accounts.get(accountId))?.emailChange).toBeUndefined();
  });

  it("remembers the old email as its keyed digest on the account (never the email), after any earlier one: the person's erasure finds what they filed under it", async () => {
    // Prepare
    const { w, deps, accountId, code } = await givenEmailChange();

    // Act
    await verifyEmail(deps, accountId, code);

    // Assess
    const stored = await w.accounts.get(accountId);
    expect(stored?.formerEmailHashes).toEqual([await personEmailHash(testPseudonymiser, 'ana@acme.test')]);
    expect(JSON.stringify(stored)).not.toContain('ana@acme.test');
  });

  it('answers 422 to a wrong code, counting the attempt', async () => {
    // Prepare
    const { w, deps, accountId, code } = await givenEmailChange();

    // Act
    const verification = verifyEmail(deps, accountId, wrong(code));

    // Assess
    await expect(verification).rejects.toBeInstanceOf(BusinessRuleViolation);
    expect((await w.accounts.get(accountId))?.emailChange?.attempts).toBe(1);
  });

  it(`drops the change at the ${EMAIL_CODE_ATTEMPTS}th wrong code: even the right code is then a 409`, async () => {
    // Prepare
    const { w, deps, accountId, code } = await givenEmailChange();
    for (let n = 0; n < EMAIL_CODE_ATTEMPTS; n += 1) await expect(verifyEmail(deps, accountId, wrong(code))).rejects.toBeInstanceOf(BusinessRuleViolation);

    // Act
    const verification = verifyEmail(deps, accountId, code);

    // Assess
    await expect(verification).rejects.toBeInstanceOf(Conflict);
    expect((await w.accounts.get(accountId))?.email).toBe('ana@acme.test');
  });

  it('counts every one of concurrent guesses: no more than 5 are ever compared', async () => {
    // Prepare
    const { deps, accountId, code } = await givenEmailChange();
    const compared = jest.spyOn(deps.pseudonymiser, 'pseudonym');
    compared.mockClear();

    // Act
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, n) => verifyEmail(deps, accountId, wrong(String(Number(code) + n)))));

    // Assess
    expect(compared).toHaveBeenCalledTimes(EMAIL_CODE_ATTEMPTS);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected' && outcome.reason instanceof Conflict)).toHaveLength(20 - EMAIL_CODE_ATTEMPTS);
  });

  it('answers 410 to the right code after 15 minutes, changing nothing', async () => {
    // Prepare
    const { w, deps, accountId, code } = await givenEmailChange();
    pinClock(new Date(Date.parse(NOW) + ONE_TIME_CODE_LIFETIME_MINUTES * 60 * 1000).toISOString());

    // Act
    const verification = verifyEmail(deps, accountId, code);

    // Assess
    await expect(verification).rejects.toBeInstanceOf(Gone);
    expect((await w.accounts.get(accountId))?.email).toBe('ana@acme.test');
  });

  it('answers 409 when no change is pending', async () => {
    // Prepare
    const w = accountsWorld();
    const accountId = await w.signUp();

    // Act
    const verification = verifyEmail({ ...w, pseudonymiser: testPseudonymiser }, accountId, '123456');

    // Assess
    await expect(verification).rejects.toBeInstanceOf(Conflict);
  });

  it('answers 409 when another account took the email meanwhile, keeping the old email', async () => {
    // Prepare
    const { w, deps, accountId, code } = await givenEmailChange();
    await w.signUp(NEW_EMAIL);

    // Act
    const verification = verifyEmail(deps, accountId, code);

    // Assess
    await expect(verification).rejects.toBeInstanceOf(Conflict);
    expect((await w.accounts.get(accountId))?.email).toBe('ana@acme.test');
    expect(w.logins.logins.get(accountId)?.email).toBe('ana@acme.test');
  });

  it('fails when the login’s email cannot change after the account’s did; the same code again finishes it', async () => {
    // Prepare
    const { w, deps, accountId, code } = await givenEmailChange();
    jest.spyOn(w.logins, 'changeEmail').mockRejectedValueOnce(new Error('user pool unavailable'));
    await expect(verifyEmail(deps, accountId, code)).rejects.toThrow('user pool unavailable');
    expect(w.logins.logins.get(accountId)?.email).toBe('ana@acme.test');

    // Act
    const profile = await verifyEmail(deps, accountId, code);

    // Assess
    expect(profile.email).toBe(NEW_EMAIL);
    expect(w.logins.logins.get(accountId)?.email).toBe(NEW_EMAIL);
    expect((await w.accounts.get(accountId))?.emailChange).toBeUndefined();
  });
});
