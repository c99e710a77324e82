import { accountsWorld, failing, type AccountsWorld } from '../../test/support/account-fakes';
import { signUpBody } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { LOGIN_STRANDED_AFTER_MS, accountCreated, provisionLogin, redriveSignUps } from './provisioning';
import { signUp } from './sign-up';

const SIGNED_UP_AT = '2026-06-15T12:00:00.000Z';
const REQUEST_ID = 'req-sign-up-1';
const ALWAYS = () => true;

const world = accountsWorld;
const signedUp = (w: AccountsWorld, email?: string) => w.signUp(email);

beforeEach(() => pinClock(SIGNED_UP_AT));
afterEach(() => jest.restoreAllMocks());

describe('sign-up', () => {
  it('stores the account pending, awaiting its login, and sends account.created (ids only) tagged with the request', async () => {
    // Prepare
    const w = world();

    // Act
    const receipt = await signUp({ accounts: w.accounts, events: w.events, limits: w.limits, referrals: w.referrals }, signUpBody(), { requestId: REQUEST_ID, sourceIp: '192.0.2.1' });

    // Assess
    expect(receipt).toEqual({ accountId: expect.any(String), status: 'pending' });
    expect((await w.accounts.get(receipt.accountId))?.status).toBe('pending');
    expect(w.events.sent).toEqual([{ event: { type: 'account.created', version: 1, accountId: receipt.accountId }, requestId: REQUEST_ID }]);
    expect(await w.accounts.awaitingLogin(new Date('2026-06-15T12:00:01.000Z'), 10)).toEqual([receipt.accountId]);
  });

  it('still answers (the account awaits its login, for the re-drive) when the queue refuses the event', async () => {
    // Prepare
    const w = world();
    jest.spyOn(w.events, 'send').mockRejectedValue(failing('queue'));

    // Act
    const receipt = await signUp({ accounts: w.accounts, events: w.events, limits: w.limits, referrals: w.referrals }, signUpBody(), { requestId: REQUEST_ID, sourceIp: '192.0.2.1' });

    // Assess
    expect(receipt.status).toBe('pending');
    expect(await w.accounts.awaitingLogin(new Date('2026-06-15T12:00:01.000Z'), 10)).toEqual([receipt.accountId]);
  });
});

describe('provisionLogin', () => {
  it('creates the login with a temporary password, invites the owner with it, then marks the account provisioned', async () => {
    // Prepare
    const w = world();
    const accountId = await signedUp(w);

    // Act
    const outcome = await provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID);

    // Assess
    expect(outcome).toBe('invited');
    const login = w.logins.logins.get(accountId);
    expect(login).toMatchObject({ email: 'ana@acme.test', enabled: true });
    expect(w.emails.to('ana@acme.test')).toEqual([
      {
        template: 'login-invitation',
        messageId: expect.stringMatching(new RegExp(`^login-invitation#${accountId}#[0-9a-f]{16}$`)),
        to: 'ana@acme.test',
        params: { username: accountId, temporaryPassword: login?.temporaryPassword },
      },
    ]);
    expect(w.emails.requested[0].messageId).not.toContain(login?.temporaryPassword);
    expect((await w.accounts.get(accountId))?.loginProvisionedAt).toBe(SIGNED_UP_AT);
    expect(await w.accounts.awaitingLogin(new Date('2026-07-01T00:00:00.000Z'), 10)).toEqual([]);
  });

  it('does nothing for a redelivered event once the account is provisioned', async () => {
    // Prepare
    const w = world();
    const accountId = await signedUp(w);
    await provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID);

    // Act
    const outcome = await provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID);

    // Assess
    expect(outcome).toBe('not_awaiting');
    expect(w.logins.calls).toEqual([`provision ${accountId}`]);
    expect(w.emails.requested).toHaveLength(1);
  });

  it.each([
    ['the invitation could not be handed over', 'emails' as const],
    ['the account could not be marked', 'accounts' as const],
  ])('after a crash because %s, the redelivery sends an invitation with a new password, which is the login’s', async (_case, failed) => {
    // Prepare
    const w = world();
    const accountId = await signedUp(w);
    if (failed === 'emails') jest.spyOn(w.emails, 'request').mockRejectedValueOnce(failing('emails'));
    else jest.spyOn(w.accounts, 'markLoginProvisioned').mockRejectedValueOnce(failing('table'));
    await expect(provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID)).rejects.toThrow();

    // Act
    const outcome = await provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID);

    // Assess
    expect(outcome).toBe('invited');
    const invitations = w.emails.to('ana@acme.test');
    const last = invitations[invitations.length - 1];
    expect(last.params).toEqual({ username: accountId, temporaryPassword: w.logins.logins.get(accountId)?.temporaryPassword });
    expect(new Set(invitations.map((invitation) => invitation.messageId)).size).toBe(invitations.length);
    expect((await w.accounts.get(accountId))?.loginProvisionedAt).toBe(SIGNED_UP_AT);
  });

  it('sends no invitation for a login its owner already signed into, and marks the account provisioned', async () => {
    // Prepare
    const w = world();
    const accountId = await signedUp(w);
    w.logins.logins.set(accountId, { email: 'ana@acme.test', temporaryPassword: 'old', enabled: true, signedIn: true });

    // Act
    const outcome = await provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID);

    // Assess
    expect(outcome).toBe('signed_in');
    expect(w.emails.requested).toEqual([]);
    expect((await w.accounts.get(accountId))?.loginProvisionedAt).toBe(SIGNED_UP_AT);
  });

  it('gives an account already active (a local token activated it first) its login and invitation, then marks it', async () => {
    // Prepare
    const w = world();
    const accountId = await signedUp(w);
    await w.accounts.activate(accountId, SIGNED_UP_AT);

    // Act
    const outcome = await provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID);

    // Assess
    expect(outcome).toBe('invited');
    expect(w.logins.logins.get(accountId)).toMatchObject({ email: 'ana@acme.test', enabled: true });
    expect(w.emails.to('ana@acme.test')).toHaveLength(1);
    expect((await w.accounts.get(accountId))?.loginProvisionedAt).toBe(SIGNED_UP_AT);
  });

  it.each([
    ['is gone (expired)', async (w: AccountsWorld, accountId: string) => void w.accounts.stored.delete(accountId)],
    ['is being erased', async (w: AccountsWorld, accountId: string) => void (await w.accounts.beginErasure(accountId))],
    ['is expiring', async (w: AccountsWorld, accountId: string) => void (await w.accounts.beginExpiry(accountId, new Date('2026-07-01T00:00:00.000Z')))],
  ])('does nothing when the account %s', async (_case, change) => {
    // Prepare
    const w = world();
    const accountId = await signedUp(w);
    await change(w, accountId);

    // Act
    const outcome = await provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID);

    // Assess
    expect(outcome).toBe('not_awaiting');
    expect(w.logins.calls).toEqual([]);
    expect(w.emails.requested).toEqual([]);
  });

  // The removal starts after provisioning read the account, and deletes the login before
  // provisioning creates it: without the second read, the login would outlive the account.
  it.each([
    ['an erasure', async (w: AccountsWorld, accountId: string) => void (await w.accounts.beginErasure(accountId))],
    ['an expiry', async (w: AccountsWorld, accountId: string) => void (await w.accounts.beginExpiry(accountId, new Date('2026-07-01T00:00:00.000Z')))],
    ['an erasure that already deleted the account', async (w: AccountsWorld, accountId: string) => {
      const erasing = await w.accounts.beginErasure(accountId);
      await w.accounts.removeErased(erasing!);
    }],
  ])('deletes the login it just made when %s began meanwhile, inviting nobody', async (_case, removal) => {
    // Prepare
    const w = world();
    const accountId = await signedUp(w);
    const provision = w.logins.provision.bind(w.logins);
    jest.spyOn(w.logins, 'provision').mockImplementationOnce(async (login) => {
      await removal(w, accountId);
      await w.logins.remove(accountId);
      return provision(login);
    });

    // Act
    const outcome = await provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID);

    // Assess
    expect(outcome).toBe('withdrawn');
    expect(w.logins.logins.has(accountId)).toBe(false);
    expect(w.logins.calls).toEqual([`remove ${accountId}`, `provision ${accountId}`, `remove ${accountId}`]);
    expect(w.emails.requested).toEqual([]);
    expect((await w.accounts.get(accountId))?.loginProvisionedAt).toBeUndefined();
  });

  it('disables the login it made for an account stopped meanwhile, inviting nobody', async () => {
    // Prepare
    const w = world();
    const accountId = await signedUp(w);
    await w.accounts.activate(accountId, SIGNED_UP_AT);
    const provision = w.logins.provision.bind(w.logins);
    jest.spyOn(w.logins, 'provision').mockImplementationOnce(async (login) => {
      await w.accounts.deactivate(accountId, SIGNED_UP_AT, 'admin');
      return provision(login);
    });

    // Act
    const outcome = await provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID);

    // Assess
    expect(outcome).toBe('disabled');
    expect(w.logins.logins.get(accountId)?.enabled).toBe(false);
    expect(w.emails.requested).toEqual([]);
    expect(await w.accounts.awaitingLogin(new Date('2026-07-01T00:00:00.000Z'), 10)).toEqual([]);
  });

  it('fails (so the message is retried) when deleting the login of an account being removed fails', async () => {
    // Prepare
    const w = world();
    const accountId = await signedUp(w);
    const provision = w.logins.provision.bind(w.logins);
    jest.spyOn(w.logins, 'provision').mockImplementationOnce(async (login) => {
      await w.accounts.beginErasure(accountId);
      return provision(login);
    });
    jest.spyOn(w.logins, 'remove').mockRejectedValueOnce(failing('user pool'));

    // Act
    const run = provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID);

    // Assess
    await expect(run).rejects.toThrow('user pool unavailable');
    expect(w.emails.requested).toEqual([]);
  });

  it('fails (so the message is retried) when the user pool fails, inviting nobody and leaving the account awaiting its login', async () => {
    // Prepare
    const w = world();
    const accountId = await signedUp(w);
    jest.spyOn(w.logins, 'provision').mockRejectedValue(failing('user pool'));

    // Act
    const run = provisionLogin(w.deps, accountCreated(accountId), REQUEST_ID);

    // Assess
    await expect(run).rejects.toThrow('user pool unavailable');
    expect(w.emails.requested).toEqual([]);
    expect(await w.accounts.awaitingLogin(new Date('2026-07-01T00:00:00.000Z'), 10)).toEqual([accountId]);
  });
});

describe('redriveSignUps', () => {
  const later = (ms: number) => new Date(Date.parse(SIGNED_UP_AT) + ms).toISOString();

  it('sends account.created again for sign-ups awaiting their login longer than the stranded window, once per window', async () => {
    // Prepare
    const w = world();
    jest.spyOn(w.events, 'send').mockRejectedValueOnce(failing('queue'));
    const stranded = await signedUp(w, 'ana@acme.test');
    const provisioned = await signedUp(w, 'bo@acme.test');
    await provisionLogin(w.deps, accountCreated(provisioned), REQUEST_ID);
    pinClock(later(LOGIN_STRANDED_AFTER_MS + 1));

    // Act
    const first = await redriveSignUps({ accounts: w.accounts, events: w.events }, ALWAYS);
    const again = await redriveSignUps({ accounts: w.accounts, events: w.events }, ALWAYS);

    // Assess
    expect(first).toEqual({ signUpsRequeued: 1 });
    expect(again).toEqual({ signUpsRequeued: 0 });
    expect(w.events.sent.map(({ event }) => event)).toEqual([accountCreated(provisioned), accountCreated(stranded)]);
  });

  it('sends account.created again for a sign-up activated before its login was made', async () => {
    // Prepare
    const w = world();
    jest.spyOn(w.events, 'send').mockRejectedValueOnce(failing('queue'));
    const accountId = await signedUp(w);
    await w.accounts.activate(accountId, SIGNED_UP_AT);
    pinClock(later(LOGIN_STRANDED_AFTER_MS + 1));

    // Act
    const summary = await redriveSignUps({ accounts: w.accounts, events: w.events }, ALWAYS);

    // Assess
    expect(summary).toEqual({ signUpsRequeued: 1 });
    expect(w.events.sent.map(({ event }) => event)).toEqual([accountCreated(accountId)]);
  });

  it('leaves a sign-up younger than the window to its first event', async () => {
    // Prepare
    const w = world();
    await signedUp(w);
    pinClock(later(LOGIN_STRANDED_AFTER_MS - 1));

    // Act
    const summary = await redriveSignUps({ accounts: w.accounts, events: w.events }, ALWAYS);

    // Assess
    expect(summary).toEqual({ signUpsRequeued: 0 });
  });

  it('walks past more sign-ups than a batch holds', async () => {
    // Prepare
    const w = world();
    jest.spyOn(w.events, 'send').mockRejectedValue(failing('queue'));
    for (let n = 0; n < 5; n += 1) await signedUp(w, `user${n}@acme.test`);
    (w.events.send as jest.Mock).mockRestore();
    pinClock(later(LOGIN_STRANDED_AFTER_MS + 1));

    // Act
    const summary = await redriveSignUps({ accounts: w.accounts, events: w.events }, ALWAYS, 2);

    // Assess
    expect(summary).toEqual({ signUpsRequeued: 5 });
  });

  it('fails the run when the queue refuses, the sign-up still awaiting its login', async () => {
    // Prepare
    const w = world();
    const accountId = await signedUp(w);
    jest.spyOn(w.events, 'send').mockRejectedValue(failing('queue'));
    pinClock(later(LOGIN_STRANDED_AFTER_MS + 1));

    // Act
    const run = redriveSignUps({ accounts: w.accounts, events: w.events }, ALWAYS);

    // Assess
    await expect(run).rejects.toThrow();
    expect(await w.accounts.awaitingLogin(new Date(later(LOGIN_STRANDED_AFTER_MS + 1)), 10)).toEqual([accountId]);
  });
});
