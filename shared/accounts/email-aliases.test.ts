import { accountsWorld } from '../../test/support/account-fakes';
import { pinClock } from '../../test/support/clock';
import { staleAliasRelease } from './email-aliases';

beforeEach(() => pinClock('2026-06-15T12:00:00.000Z'));

describe('staleAliasRelease', () => {
  it.each([
    ['its account is gone', async (w: ReturnType<typeof accountsWorld>, id: string) => void w.accounts.stored.delete(id), true],
    ['its account is being erased', async (w: ReturnType<typeof accountsWorld>, id: string) => void (await w.accounts.beginErasure(id)), true],
    ['its account holds another email now (a change whose login step has not landed)', async (w: ReturnType<typeof accountsWorld>, id: string) => {
      const account = (await w.accounts.get(id))!;
      await w.accounts.activate(id, '2026-06-15T12:00:00.000Z');
      await w.accounts.updateProfile({ ...account, status: 'active', version: account.version + 1 }, { email: 'ana.ruiz@acme.test' }, '2026-06-15T12:00:00.000Z');
    }, true],
    ['its account still holds the email', async () => undefined, false],
  ])('lets a customer’s login lose the alias only when it is stale: %s', async (_case, given, released) => {
    // Prepare
    const w = accountsWorld();
    const holder = await w.signUp('ana@acme.test');
    await given(w, holder);

    // Act
    const mayRelease = await staleAliasRelease(w.accounts)({ username: holder, accountId: holder }, 'Ana@Acme.test');

    // Assess
    expect(mayRelease).toBe(released);
  });

  it('never takes the alias from a login the backend did not make (an administrator’s)', async () => {
    // Act
    const mayRelease = await staleAliasRelease(accountsWorld().accounts)({ username: 'admin-sub-1' }, 'ops@acme.test');

    // Assess
    expect(mayRelease).toBe(false);
  });
});
