import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  AliasExistsException,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  TooManyRequestsException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { EmailAliasHeld, type AliasHolder, type LoginDirectory } from '../../accounts/logins';
import { EnvNames } from '../../config';
import { LOGIN_ACTIONS, type LoginOperation } from './login-actions';
import { loginDirectory } from './login-directory';

const POOL = 'us-east-1_TestPool';
const cognito = mockClient(CognitoIdentityProviderClient);
const login = { accountId: 'acc_01JTESTACCOUNT0000000000001', email: 'ana@acme.test', temporaryPassword: 'Temp-Passw0rd-Example' };

const exception = <T>(Type: new (options: { message: string; $metadata: object }) => T, message: string): T =>
  new Type({ message, $metadata: { httpStatusCode: 400 } });
const throttled = () => exception(TooManyRequestsException, 'Rate exceeded');
const userNotFound = () => exception(UserNotFoundException, 'User does not exist.');
const usernameExists = () => exception(UsernameExistsException, 'User account already exists');
// What Cognito answers (deployed only) when another login holds the email as its verified alias.
const aliasExists = () => exception(AliasExistsException, 'An account with the given email already exists.');
const STALE_HOLDER = 'acc_01JTESTACCOUNT0000000000002';
/** ListUsers' answer: the login holding the email (verified), and one holding it unverified. */
const holders = (accountId: string | null = STALE_HOLDER) => ({
  Users: [
    { Username: 'acc_01JTESTACCOUNT0000000000009', Attributes: [{ Name: 'email', Value: login.email }, { Name: 'email_verified', Value: 'false' }] },
    {
      Username: accountId ?? 'admin-sub-1',
      Attributes: [
        { Name: 'email', Value: login.email },
        { Name: 'email_verified', Value: 'true' },
        ...(accountId === null ? [] : [{ Name: 'custom:accountId', Value: accountId }]),
      ],
    },
  ],
});
const releasedFrom = (username: string) => ({ UserPoolId: POOL, Username: username, UserAttributes: [{ Name: 'email_verified', Value: 'false' }] });

/** The IAM action of each command the mocked client received, in order. */
const actionsCalled = () => cognito.calls().map((call) => `cognito-idp:${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`);

let directory: LoginDirectory;
/** What the directory's alias policy was asked, and what it answers. */
let asked: [AliasHolder, string][];
let mayRelease: boolean;
beforeEach(() => {
  cognito.reset();
  process.env[EnvNames.userPoolId] = POOL;
  asked = [];
  mayRelease = true;
  directory = loginDirectory(async (holder, email) => {
    asked.push([holder, email]);
    return mayRelease;
  });
});

describe('CognitoLoginDirectory.provision', () => {
  it('creates the login as username accountId, email verified, custom:accountId set and the pool invitation suppressed', async () => {
    // Prepare
    cognito.on(AdminCreateUserCommand).resolves({});

    // Act
    const outcome = await directory.provision(login);

    // Assess
    expect(outcome).toBe('invited');
    expect(cognito.commandCalls(AdminCreateUserCommand)[0].args[0].input).toEqual({
      UserPoolId: POOL,
      Username: login.accountId,
      TemporaryPassword: login.temporaryPassword,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: login.email },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:accountId', Value: login.accountId },
      ],
    });
    expect(cognito.calls()).toHaveLength(1);
  });

  it('sets the new temporary password on an existing login never signed into', async () => {
    // Prepare
    cognito.on(AdminCreateUserCommand).rejects(usernameExists());
    cognito.on(AdminGetUserCommand).resolves({ Username: login.accountId, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    cognito.on(AdminSetUserPasswordCommand).resolves({});

    // Act
    const outcome = await directory.provision(login);

    // Assess
    expect(outcome).toBe('invited');
    expect(cognito.commandCalls(AdminGetUserCommand)[0].args[0].input).toEqual({ UserPoolId: POOL, Username: login.accountId });
    expect(cognito.commandCalls(AdminSetUserPasswordCommand)[0].args[0].input).toEqual({
      UserPoolId: POOL,
      Username: login.accountId,
      Password: login.temporaryPassword,
      Permanent: false,
    });
  });

  it.each(['CONFIRMED', 'RESET_REQUIRED'] as const)('leaves an existing %s login as it is: its owner signed in already', async (status) => {
    // Prepare
    cognito.on(AdminCreateUserCommand).rejects(usernameExists());
    cognito.on(AdminGetUserCommand).resolves({ Username: login.accountId, UserStatus: status });

    // Act
    const outcome = await directory.provision(login);

    // Assess
    expect(outcome).toBe('signedIn');
    expect(cognito.commandCalls(AdminSetUserPasswordCommand)).toHaveLength(0);
  });

  it('takes the email from a login holding it as its alias when the policy allows, then creates the login', async () => {
    // Prepare
    cognito.on(AdminCreateUserCommand).rejectsOnce(aliasExists()).resolves({});
    cognito.on(ListUsersCommand).resolves(holders());
    cognito.on(AdminUpdateUserAttributesCommand).resolves({});

    // Act
    const outcome = await directory.provision(login);

    // Assess
    expect(outcome).toBe('invited');
    expect(actionsCalled()).toEqual(['cognito-idp:AdminCreateUser', 'cognito-idp:ListUsers', 'cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminCreateUser']);
    expect(cognito.commandCalls(ListUsersCommand)[0].args[0].input).toEqual({ UserPoolId: POOL, Filter: 'email = "ana@acme.test"' });
    expect(asked).toEqual([[{ username: STALE_HOLDER, accountId: STALE_HOLDER }, login.email]]);
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)[0].args[0].input).toEqual(releasedFrom(STALE_HOLDER));
  });

  it.each([
    ['the policy refuses a customer’s login', holders(), [[{ username: STALE_HOLDER, accountId: STALE_HOLDER }, login.email]]],
    ['the policy refuses an administrator’s login (no account)', holders(null), [[{ username: 'admin-sub-1' }, login.email]]],
    ['no login holds it verified any more', { Users: [] }, []],
  ])('refuses with EmailAliasHeld, creating nothing, when %s', async (_case, listed, policyAsked) => {
    // Prepare
    mayRelease = false;
    cognito.on(AdminCreateUserCommand).rejects(aliasExists());
    cognito.on(ListUsersCommand).resolves(listed);

    // Act
    const provisioning = directory.provision(login);

    // Assess
    await expect(provisioning).rejects.toBeInstanceOf(EmailAliasHeld);
    expect(asked).toEqual(policyAsked);
    expect(cognito.commandCalls(AdminCreateUserCommand)).toHaveLength(1);
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)).toHaveLength(0);
  });

  it('escapes quotes and backslashes of the email in the ListUsers filter', async () => {
    // Prepare
    cognito.on(AdminCreateUserCommand).rejects(aliasExists());
    cognito.on(ListUsersCommand).resolves({ Users: [] });

    // Act
    const provisioning = directory.provision({ ...login, email: 'a"b\\c@acme.test' });

    // Assess
    await expect(provisioning).rejects.toBeInstanceOf(EmailAliasHeld);
    expect(cognito.commandCalls(ListUsersCommand)[0].args[0].input.Filter).toBe('email = "a\\"b\\\\c@acme.test"');
  });

  it.each([
    ['creating', () => cognito.on(AdminCreateUserCommand).rejects(throttled())],
    ['reading the existing login', () => {
      cognito.on(AdminCreateUserCommand).rejects(usernameExists());
      cognito.on(AdminGetUserCommand).rejects(throttled());
    }],
    ['setting the temporary password', () => {
      cognito.on(AdminCreateUserCommand).rejects(usernameExists());
      cognito.on(AdminGetUserCommand).resolves({ UserStatus: 'FORCE_CHANGE_PASSWORD' });
      cognito.on(AdminSetUserPasswordCommand).rejects(throttled());
    }],
  ])('fails, to be retried, when the pool throttles %s', async (_step, given) => {
    // Prepare
    given();

    // Act
    const provisioning = directory.provision(login);

    // Assess
    await expect(provisioning).rejects.toBeInstanceOf(TooManyRequestsException);
  });
});

describe('CognitoLoginDirectory.disable', () => {
  it('disables the login, then signs it out everywhere', async () => {
    // Prepare
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito.on(AdminUserGlobalSignOutCommand).resolves({});

    // Act
    await directory.disable(login.accountId);

    // Assess
    expect(actionsCalled()).toEqual(['cognito-idp:AdminDisableUser', 'cognito-idp:AdminUserGlobalSignOut']);
    for (const call of cognito.calls()) expect(call.args[0].input).toEqual({ UserPoolId: POOL, Username: login.accountId });
  });

  it('succeeds when the login does not exist', async () => {
    // Prepare
    cognito.on(AdminDisableUserCommand).rejects(userNotFound());
    cognito.on(AdminUserGlobalSignOutCommand).rejects(userNotFound());

    // Act
    const disabling = directory.disable(login.accountId);

    // Assess
    await expect(disabling).resolves.toBeUndefined();
  });

  it.each([AdminDisableUserCommand, AdminUserGlobalSignOutCommand])('fails, to be retried, when the pool throttles %p', async (Command) => {
    // Prepare
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito.on(AdminUserGlobalSignOutCommand).resolves({});
    cognito.on(Command).rejects(throttled());

    // Act
    const disabling = directory.disable(login.accountId);

    // Assess
    await expect(disabling).rejects.toBeInstanceOf(TooManyRequestsException);
  });
});

describe('CognitoLoginDirectory.remove', () => {
  it('deletes the login', async () => {
    // Prepare
    cognito.on(AdminDeleteUserCommand).resolves({});

    // Act
    await directory.remove(login.accountId);

    // Assess
    expect(cognito.commandCalls(AdminDeleteUserCommand)[0].args[0].input).toEqual({ UserPoolId: POOL, Username: login.accountId });
  });

  it('succeeds when the login does not exist', async () => {
    // Prepare
    cognito.on(AdminDeleteUserCommand).rejects(userNotFound());

    // Act
    const removing = directory.remove(login.accountId);

    // Assess
    await expect(removing).resolves.toBeUndefined();
  });

  it('fails, to be retried, when the pool throttles', async () => {
    // Prepare
    cognito.on(AdminDeleteUserCommand).rejects(throttled());

    // Act
    const removing = directory.remove(login.accountId);

    // Assess
    await expect(removing).rejects.toBeInstanceOf(TooManyRequestsException);
  });
});

describe('CognitoLoginDirectory.changeEmail', () => {
  it('makes the email the login’s, verified', async () => {
    // Prepare
    cognito.on(AdminUpdateUserAttributesCommand).resolves({});

    // Act
    await directory.changeEmail(login.accountId, 'ana.ruiz@acme.test');

    // Assess
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)[0].args[0].input).toEqual({
      UserPoolId: POOL,
      Username: login.accountId,
      UserAttributes: [
        { Name: 'email', Value: 'ana.ruiz@acme.test' },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
  });

  it('takes the email from a stale login holding it as its alias, then sets it', async () => {
    // Prepare
    cognito.on(AdminUpdateUserAttributesCommand).rejectsOnce(aliasExists()).resolves({});
    cognito.on(ListUsersCommand).resolves(holders());

    // Act
    await directory.changeEmail(login.accountId, login.email);

    // Assess
    expect(asked).toEqual([[{ username: STALE_HOLDER, accountId: STALE_HOLDER }, login.email]]);
    const updates = cognito.commandCalls(AdminUpdateUserAttributesCommand).map((call) => call.args[0].input);
    expect(updates).toEqual([
      expect.objectContaining({ Username: login.accountId }),
      releasedFrom(STALE_HOLDER),
      { UserPoolId: POOL, Username: login.accountId, UserAttributes: [{ Name: 'email', Value: login.email }, { Name: 'email_verified', Value: 'true' }] },
    ]);
  });

  it('refuses with EmailAliasHeld (a 409) when the holder may keep the email', async () => {
    // Prepare
    mayRelease = false;
    cognito.on(AdminUpdateUserAttributesCommand).rejects(aliasExists());
    cognito.on(ListUsersCommand).resolves(holders());

    // Act
    const changing = directory.changeEmail(login.accountId, login.email);

    // Assess
    await expect(changing).rejects.toBeInstanceOf(EmailAliasHeld);
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)).toHaveLength(1);
  });

  it('fails, to be retried, when the pool throttles the look-up of the alias holder', async () => {
    // Prepare
    cognito.on(AdminUpdateUserAttributesCommand).rejects(aliasExists());
    cognito.on(ListUsersCommand).rejects(throttled());

    // Act
    const changing = directory.changeEmail(login.accountId, login.email);

    // Assess
    await expect(changing).rejects.toBeInstanceOf(TooManyRequestsException);
  });

  it.each([throttled, userNotFound])('fails when the pool refuses (%p)', async (refusal) => {
    // Prepare
    cognito.on(AdminUpdateUserAttributesCommand).rejects(refusal());

    // Act
    const changing = directory.changeEmail(login.accountId, 'ana.ruiz@acme.test');

    // Assess
    await expect(changing).rejects.toThrow();
  });
});

describe('CognitoLoginDirectory.describe', () => {
  it('answers what the pool holds of the login, never its password', async () => {
    // Prepare
    cognito.on(AdminGetUserCommand).resolves({
      Username: login.accountId,
      Enabled: true,
      UserStatus: 'CONFIRMED',
      UserCreateDate: new Date('2026-11-01T10:00:00Z'),
      UserAttributes: [
        { Name: 'email', Value: login.email },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:accountId', Value: login.accountId },
      ],
    });

    // Act
    const described = await directory.describe(login.accountId);

    // Assess
    expect(described).toEqual({
      username: login.accountId,
      email: login.email,
      emailVerified: true,
      enabled: true,
      status: 'CONFIRMED',
      createdAt: '2026-11-01T10:00:00.000Z',
    });
    expect(cognito.commandCalls(AdminGetUserCommand)[0].args[0].input).toEqual({ UserPoolId: POOL, Username: login.accountId });
  });

  it('answers nothing for a login that is not there', async () => {
    // Prepare
    cognito.on(AdminGetUserCommand).rejects(userNotFound());

    // Act / Assess
    await expect(directory.describe(login.accountId)).resolves.toBeUndefined();
  });

  it('fails when the pool fails', async () => {
    // Prepare
    cognito.on(AdminGetUserCommand).rejects(throttled());

    // Act / Assess
    await expect(directory.describe(login.accountId)).rejects.toThrow('Rate exceeded');
  });
});

describe('LOGIN_ACTIONS', () => {
  // What the stack grants must cover every call each operation makes on its longest path.
  const longestPaths: Record<LoginOperation, () => Promise<unknown>> = {
    provision: () => {
      cognito.on(AdminCreateUserCommand).rejectsOnce(aliasExists()).rejects(usernameExists());
      cognito.on(ListUsersCommand).resolves(holders());
      cognito.on(AdminGetUserCommand).resolves({ UserStatus: 'FORCE_CHANGE_PASSWORD' });
      cognito.on(AdminSetUserPasswordCommand).resolves({});
      return directory.provision(login);
    },
    disable: () => directory.disable(login.accountId),
    remove: () => directory.remove(login.accountId),
    changeEmail: () => {
      cognito.on(AdminUpdateUserAttributesCommand).rejectsOnce(aliasExists()).resolves({});
      cognito.on(ListUsersCommand).resolves(holders());
      return directory.changeEmail(login.accountId, login.email);
    },
    describe: () => {
      cognito.on(AdminGetUserCommand).resolves({ Username: login.accountId, Enabled: true });
      return directory.describe(login.accountId);
    },
  };

  it.each(Object.keys(longestPaths) as LoginOperation[])('names exactly the actions %s calls', async (operation) => {
    // Act
    await longestPaths[operation]();

    // Assess
    expect([...new Set(actionsCalled())].sort()).toEqual([...LOGIN_ACTIONS[operation]].sort());
  });

  it('requires a pool to be bound', () => {
    // Prepare
    delete process.env[EnvNames.userPoolId];

    // Act / Assess
    expect(() => loginDirectory()).toThrow(EnvNames.userPoolId);
  });
});
