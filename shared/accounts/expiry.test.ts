import { accountsWorld, failing } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { SIGNUP_PROOF_DAYS, expireUnprovenSignUps } from './expiry';
import { getProfile } from './profile';
import { provisionLogin, accountCreated } from './provisioning';

const SIGNED_UP_AT = '2026-06-15T12:00:00.000Z';
const DAY_MS = 86_400_000;
const after = (ms: number) => new Date(Date.parse(SIGNED_UP_AT) + ms).toISOString();
const ALWAYS = () => true;

beforeEach(() => pinClock(SIGNED_UP_AT));
afterEach(() => jest.restoreAllMocks());

const provisioned = async (w: ReturnType<typeof accountsWorld>, email?: string) => {
  const accountId = await w.signUp(email);
  await provisionLogin(w.deps, accountCreated(accountId), 'req');
  return accountId;
};

describe('signup-expiry', () => {
  it(`removes a sign-up still pending ${SIGNUP_PROOF_DAYS} days after it was made, login first, freeing its email and number`, async () => {
    // Prepare
    const w = accountsWorld();
    const accountId = await provisioned(w);
    const { faxNumber } = (await w.accounts.get(accountId))!;
    pinClock(after(SIGNUP_PROOF_DAYS * DAY_MS + 1));

    // Act
    const summary = await expireUnprovenSignUps(w, ALWAYS);

    // Assess
    expect(summary).toEqual({ signUpsExpired: 1, createdBefore: after(1) });
    expect(w.logins.logins.has(accountId)).toBe(false);
    expect(await w.accounts.get(accountId)).toBeUndefined();
    await expect(w.signUp('ana@acme.test', faxNumber)).resolves.toEqual(expect.any(String));
  });

  it(`keeps a sign-up younger than ${SIGNUP_PROOF_DAYS} days, and a proven one whatever its age`, async () => {
    // Prepare
    const w = accountsWorld();
    const young = await provisioned(w, 'young@acme.test');
    pinClock(after(-DAY_MS));
    const proven = await provisioned(w, 'proven@acme.test');
    await getProfile(w.accounts, proven);
    pinClock(after(SIGNUP_PROOF_DAYS * DAY_MS - 1));

    // Act
    const summary = await expireUnprovenSignUps(w, ALWAYS);

    // Assess
    expect(summary.signUpsExpired).toBe(0);
    expect((await w.accounts.get(young))?.status).toBe('pending');
    expect((await w.accounts.get(proven))?.status).toBe('active');
    expect(w.logins.calls.filter((call) => call.startsWith('remove'))).toEqual([]);
  });

  it('resumes on the next run when the removal failed after the login was removed; meanwhile the account cannot be activated', async () => {
    // Prepare
    const w = accountsWorld();
    const accountId = await provisioned(w);
    pinClock(after(SIGNUP_PROOF_DAYS * DAY_MS + 1));
    jest.spyOn(w.accounts, 'removeExpired').mockRejectedValueOnce(failing('table'));
    await expect(expireUnprovenSignUps(w, ALWAYS)).rejects.toThrow();

    // Act
    const activation = getProfile(w.accounts, accountId);
    const summary = await expireUnprovenSignUps(w, ALWAYS);

    // Assess
    await expect(activation).rejects.toThrow('There is no account for this token.');
    expect(summary.signUpsExpired).toBe(1);
    expect(await w.accounts.get(accountId)).toBeUndefined();
  });

  it('fails the run, removing nothing of the account, when the user pool cannot remove the login', async () => {
    // Prepare
    const w = accountsWorld();
    const accountId = await provisioned(w);
    pinClock(after(SIGNUP_PROOF_DAYS * DAY_MS + 1));
    jest.spyOn(w.logins, 'remove').mockRejectedValue(failing('user pool'));

    // Act
    const run = expireUnprovenSignUps(w, ALWAYS);

    // Assess
    await expect(run).rejects.toThrow('user pool unavailable');
    expect((await w.accounts.get(accountId))?.status).toBe('pending');
  });
});
