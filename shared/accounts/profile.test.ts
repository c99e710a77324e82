import { accountsWorld } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { NotFound } from '../errors';
import { activeOwnAccount, getProfile } from './profile';

const SIGNED_UP_AT = '2026-06-15T12:00:00.000Z';
const FIRST_SIGN_IN = '2026-06-16T08:30:00.000Z';

beforeEach(() => pinClock(SIGNED_UP_AT));
afterEach(() => jest.restoreAllMocks());

describe('activation at the first authenticated request', () => {
  it('makes a pending account active, stamping when, and takes it off the unproven list, not the awaiting-login one (its login may not exist yet)', async () => {
    // Prepare
    const w = accountsWorld();
    const accountId = await w.signUp();
    pinClock(FIRST_SIGN_IN);

    // Act
    const profile = await getProfile(w.accounts, accountId);

    // Assess
    expect(profile.status).toBe('active');
    expect(await w.accounts.get(accountId)).toMatchObject({ status: 'active', activatedAt: FIRST_SIGN_IN });
    const muchLater = new Date('2027-01-01T00:00:00.000Z');
    expect(await w.accounts.unprovenSince(muchLater, 10)).toEqual([]);
    expect(await w.accounts.awaitingLogin(muchLater, 10)).toEqual([accountId]);
  });

  it('activates once under concurrent first requests: each answers the account active', async () => {
    // Prepare
    const w = accountsWorld();
    const accountId = await w.signUp();
    const activate = jest.spyOn(w.accounts, 'activate');

    // Act
    const accounts = await Promise.all(Array.from({ length: 5 }, () => activeOwnAccount(w.accounts, accountId)));

    // Assess
    expect(accounts.map((account) => account.status)).toEqual(Array(5).fill('active'));
    const results = await Promise.all(activate.mock.results.map((result) => result.value as Promise<unknown>));
    expect(results.filter((result) => result !== undefined)).toHaveLength(1);
    expect((await w.accounts.get(accountId))?.version).toBe(2);
  });

  it('leaves an active account as it is', async () => {
    // Prepare
    const w = accountsWorld();
    const accountId = await w.signUp();
    await getProfile(w.accounts, accountId);
    const activate = jest.spyOn(w.accounts, 'activate');

    // Act
    await getProfile(w.accounts, accountId);

    // Assess
    expect(activate).not.toHaveBeenCalled();
  });

  it('answers 404 for a sign-up whose expiry began: it can no longer be activated', async () => {
    // Prepare
    const w = accountsWorld();
    const accountId = await w.signUp();
    await w.accounts.beginExpiry(accountId, new Date('2027-01-01T00:00:00.000Z'));

    // Act
    const read = getProfile(w.accounts, accountId);

    // Assess
    await expect(read).rejects.toBeInstanceOf(NotFound);
    expect((await w.accounts.get(accountId))?.status).toBe('pending');
  });
});
