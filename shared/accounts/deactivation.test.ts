import { accountsWorld, failing } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { deactivateAccount } from './deactivation';
import { accountCreated, provisionLogin } from './provisioning';

beforeEach(() => pinClock('2026-06-15T12:00:00.000Z'));
afterEach(() => jest.restoreAllMocks());

const activeWithLogin = async () => {
  const w = accountsWorld();
  const accountId = await w.signUp();
  await provisionLogin(w.deps, accountCreated(accountId), 'req');
  return { w, accountId };
};

describe('deactivation', () => {
  it('deactivates the account and disables its login (signed out everywhere)', async () => {
    // Prepare
    const { w, accountId } = await activeWithLogin();

    // Act
    const answer = await deactivateAccount(w, accountId);

    // Assess
    expect(answer).toEqual({ status: 'deactivated' });
    expect((await w.accounts.get(accountId))?.status).toBe('deactivated');
    expect(w.logins.logins.get(accountId)?.enabled).toBe(false);
  });

  it('fails when the login cannot be disabled, and the retry disables it', async () => {
    // Prepare
    const { w, accountId } = await activeWithLogin();
    jest.spyOn(w.logins, 'disable').mockRejectedValueOnce(failing('user pool'));
    await expect(deactivateAccount(w, accountId)).rejects.toThrow('user pool unavailable');

    // Act
    const answer = await deactivateAccount(w, accountId);

    // Assess
    expect(answer).toEqual({ status: 'deactivated' });
    expect(w.logins.logins.get(accountId)?.enabled).toBe(false);
  });
});
