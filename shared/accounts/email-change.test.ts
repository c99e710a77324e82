import { accountsWorld, testPseudonymiser } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { MemoryThrottle } from '../../test/support/throttle';
import { BusinessRuleViolation, Conflict, Gone, TooManyRequests } from '../errors';
import { ONE_TIME_CODE_ATTEMPTS as EMAIL_CODE_ATTEMPTS, ONE_TIME_CODE_LIFETIME_MINUTES } from '../one-time-codes';
import { personEmailHash } from '../pseudonyms';
import { EMAIL_CHANGE_CODE_LIMITS, redriveLoginEmails, updateProfile, verifyEmail } from './email-change';
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
  const deps = { ...w, pseudonymiser: testPseudonymiser, throttle: new MemoryThrottle() };
  await w.logins.provision({ accountId, email: 'ana@acme.test', temporaryPassword: 'x' });
  await w.accounts.markLoginProvisioned(accountId, NOW);
  const profile = await updateProfile(deps, accountId, { email: 'Ana.Ruiz@NewCo.test' }, REQUEST_ID);
  const sent = w.emails.to(NEW_EMAIL);
  const code = sent.length === 1 && sent[0].template === 'email-change-code' ? sent[0].params.code : '';
  return { w, deps, accountId, profile, code };
};
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
/** The code of the last email-change email sent to `email`. */
const lastCodeTo = (w: ReturnType<typeof accountsWorld>, email: string) => {
  const sent = w.emails.to(email).at(-1);
  return sent?.template === 'email-change-code' ? sent.params.code : '';
};

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

  it('answers a change to an email another account holds as any other, but sends no code there; its verification is the one 422', async () => {
    // Prepare
    const w = accountsWorld();
    const accountId = await w.signUp();
    await w.signUp('taken@acme.test');
    const deps = { ...w, pseudonymiser: testPseudonymiser, throttle: new MemoryThrottle() };
    const before = w.emails.requested.length;

    // Act
    const profile = await updateProfile(deps, accountId, { email: 'Taken@acme.test' }, REQUEST_ID);
    const verification = verifyEmail(deps, accountId, '123456');

    // Assess
    expect(profile).toMatchObject({ email: 'ana@acme.test', pendingEmail: 'taken@acme.test' });
    expect(w.emails.requested).toHaveLength(before);
    await expect(verification).rejects.toEqual(new BusinessRuleViolation('The code is not valid or the email cannot be used.'));
    expect(await w.accounts.accountIdByEmail('taken@acme.test')).not.toBe(accountId);
  });

  it(`sends at most ${EMAIL_CHANGE_CODE_LIMITS.issuedPerDay} codes a day to one account’s new emails: then 429, storing and sending nothing, until the next UTC day`, async () => {
    // Prepare
    const { w, deps, accountId } = await givenEmailChange();
    for (let n = 1; n < EMAIL_CHANGE_CODE_LIMITS.issuedPerDay; n += 1) await updateProfile(deps, accountId, { email: `new${n}@newco.test` }, REQUEST_ID);
    const sent = w.emails.requested.length;

    // Act
    const refused = updateProfile(deps, accountId, { email: 'one-more@newco.test' }, REQUEST_ID);
    await expect(refused).rejects.toBeInstanceOf(TooManyRequests);
    const unchanged = (await w.accounts.get(accountId))?.emailChange?.email;
    const otherFields = await updateProfile(deps, accountId, { company: 'Acme Dental Group' }, REQUEST_ID);
    pinClock('2026-06-16T00:00:00.000Z');
    const nextDay = await updateProfile(deps, accountId, { email: 'one-more@newco.test' }, REQUEST_ID);

    // Assess
    expect(unchanged).toBe(`new${EMAIL_CHANGE_CODE_LIMITS.issuedPerDay - 1}@newco.test`);
    expect(otherFields.company).toBe('Acme Dental Group');
    expect(nextDay.pendingEmail).toBe('one-more@newco.test');
    expect(w.emails.requested).toHaveLength(sent + 1);
  });

  it(`counts tries per account across changes: a new PATCH does not reset them, and past ${EMAIL_CHANGE_CODE_LIMITS.triedPerDay} a day even the right code is a 429`, async () => {
    // Prepare
    const { w, deps, accountId } = await givenEmailChange();
    for (let round = 0; round < EMAIL_CHANGE_CODE_LIMITS.triedPerDay / EMAIL_CODE_ATTEMPTS; round += 1) {
      if (round > 0) await updateProfile(deps, accountId, { email: NEW_EMAIL }, REQUEST_ID);
      for (let n = 0; n < EMAIL_CODE_ATTEMPTS; n += 1) await expect(verifyEmail(deps, accountId, wrong(lastCodeTo(w, NEW_EMAIL)))).rejects.toBeInstanceOf(BusinessRuleViolation);
    }
    await updateProfile(deps, accountId, { email: NEW_EMAIL }, REQUEST_ID);

    // Act
    const lockedOut = verifyEmail(deps, accountId, lastCodeTo(w, NEW_EMAIL));

    // Assess
    await expect(lockedOut).rejects.toBeInstanceOf(TooManyRequests);
    expect((await w.accounts.get(accountId))).toMatchObject({ email: 'ana@acme.test', emailChange: { attempts: 0 } });
    pinClock('2026-06-16T00:00:00.000Z');
    await updateProfile(deps, accountId, { email: NEW_EMAIL }, REQUEST_ID);
    await expect(verifyEmail(deps, accountId, lastCodeTo(w, NEW_EMAIL))).resolves.toMatchObject({ email: NEW_EMAIL });
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

  it('leaves the login to be made with the new email when the account has none yet, calling no pool', async () => {
    // Prepare: a local token activated the account before provisioning made its login.
    const w = accountsWorld();
    const accountId = await w.signUp();
    await getProfile(w.accounts, accountId);
    const deps = { ...w, pseudonymiser: testPseudonymiser, throttle: new MemoryThrottle() };
    await updateProfile(deps, accountId, { email: NEW_EMAIL }, REQUEST_ID);
    const changeEmail = jest.spyOn(w.logins, 'changeEmail');

    // Act
    const profile = await verifyEmail(deps, accountId, lastCodeTo(w, NEW_EMAIL));

    // Assess
    expect(profile.email).toBe(NEW_EMAIL);
    expect(changeEmail).not.toHaveBeenCalled();
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
    expect(compared.mock.calls.filter(([purpose]) => purpose === 'email-change-code-v1')).toHaveLength(EMAIL_CODE_ATTEMPTS);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected' && (outcome.reason instanceof Conflict || outcome.reason instanceof TooManyRequests));
    expect(refused).toHaveLength(20 - EMAIL_CODE_ATTEMPTS);
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
    const verification = verifyEmail({ ...w, pseudonymiser: testPseudonymiser, throttle: new MemoryThrottle() }, accountId, '123456');

    // Assess
    await expect(verification).rejects.toBeInstanceOf(Conflict);
  });

  it('answers the one 422 of a wrong code when another account took the email meanwhile, keeping the old email', async () => {
    // Prepare
    const { w, deps, accountId, code } = await givenEmailChange();
    await w.signUp(NEW_EMAIL);

    // Act
    const verification = verifyEmail(deps, accountId, code);

    // Assess
    await expect(verification).rejects.toEqual(new BusinessRuleViolation('The code is not valid or the email cannot be used.'));
    expect((await w.accounts.get(accountId))?.email).toBe('ana@acme.test');
    expect(w.logins.logins.get(accountId)?.email).toBe('ana@acme.test');
  });

  it('fails when the login’s email cannot change after the account’s did; a retry finishes it whatever its code, counting no try', async () => {
    // Prepare
    const { w, deps, accountId, code } = await givenEmailChange();
    jest.spyOn(w.logins, 'changeEmail').mockRejectedValueOnce(new Error('user pool unavailable'));
    await expect(verifyEmail(deps, accountId, code)).rejects.toThrow('user pool unavailable');
    expect(w.logins.logins.get(accountId)?.email).toBe('ana@acme.test');
    expect(await w.accounts.get(accountId)).toMatchObject({ email: NEW_EMAIL, loginEmailOutdatedAt: NOW });
    const tries = [...deps.throttle.counts.values()];

    // Act
    const profile = await verifyEmail(deps, accountId, wrong(code));
    const again = verifyEmail(deps, accountId, code);

    // Assess
    expect(profile.email).toBe(NEW_EMAIL);
    expect(profile).not.toHaveProperty('pendingEmail');
    expect(w.logins.logins.get(accountId)?.email).toBe(NEW_EMAIL);
    expect([...deps.throttle.counts.values()]).toEqual(tries);
    const stored = await w.accounts.get(accountId);
    expect(stored?.emailChange).toBeUndefined();
    expect(stored?.loginEmailOutdatedAt).toBeUndefined();
    await expect(again).rejects.toBeInstanceOf(Conflict);
  });
});

describe('redriveLoginEmails', () => {
  it('gives the login the email of a change it did not follow, once the change waited a minute, and only once', async () => {
    // Prepare
    const { w, deps, accountId, code } = await givenEmailChange();
    jest.spyOn(w.logins, 'changeEmail').mockRejectedValueOnce(new Error('user pool unavailable'));
    await expect(verifyEmail(deps, accountId, code)).rejects.toThrow('user pool unavailable');
    const tooSoon = await redriveLoginEmails(w, () => true);
    pinClock('2026-06-15T12:01:00.001Z');

    // Act
    const run = await redriveLoginEmails(w, () => true);
    const nextRun = await redriveLoginEmails(w, () => true);

    // Assess
    expect(tooSoon).toEqual({ loginEmailsFinished: 0 });
    expect(run).toEqual({ loginEmailsFinished: 1 });
    expect(nextRun).toEqual({ loginEmailsFinished: 0 });
    expect(w.logins.logins.get(accountId)?.email).toBe(NEW_EMAIL);
    expect((await w.accounts.get(accountId))?.loginEmailOutdatedAt).toBeUndefined();
  });

  it('leaves an account being erased to its erasure', async () => {
    // Prepare
    const { w, deps, accountId, code } = await givenEmailChange();
    jest.spyOn(w.logins, 'changeEmail').mockRejectedValueOnce(new Error('user pool unavailable'));
    await expect(verifyEmail(deps, accountId, code)).rejects.toThrow('user pool unavailable');
    await w.accounts.beginErasure(accountId);
    pinClock('2026-06-15T12:05:00.000Z');

    // Act
    const run = await redriveLoginEmails(w, () => true);

    // Assess
    expect(run).toEqual({ loginEmailsFinished: 0 });
    expect(w.logins.logins.get(accountId)?.email).toBe('ana@acme.test');
  });
});
