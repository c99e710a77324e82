import {
  AdminGetUserCommand,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { LoginDirectory } from '../../shared/accounts/logins';
import { temporaryPassword } from '../../shared/accounts/password-policy';
import { EnvNames } from '../../shared/config';
import { call, runtimeOutput, signUpForm } from './support/client';
import { awaitEmails, emailsTo } from './support/emails';
import { faxEvent, gatewayCall } from './support/gateway';
import { cognitoClient, cognitoEndpoint, localUserPool } from './support/user-pool';

// The real sign-in path of API.md "Authentication", locally: the backend's login directory
// provisions the login on the emulated pool, the customer signs in there as a web client would,
// and the runtime's authorizer accepts the pool's ID token as the deployed JWT authorizer does.

let cognito: CognitoIdentityProviderClient;
let pool: { id: string; clientId: string };
let directory: LoginDirectory;
const usedPersonalData: string[] = [];

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

/** Signs a customer up over HTTP: the account is pending, and the account.created consumer provisions its login. */
const signedUp = async () => {
  const form = await signUpForm();
  usedPersonalData.push(form.email, form.faxNumber);
  const created = await call('POST', '/accounts', { json: form });
  expect(created.status).toBe(201);
  expect(created.body.status).toBe('pending');
  return { email: form.email, faxNumber: form.faxNumber, accountId: created.body.accountId as string };
};

/** What the invitation the backend emailed to `email` says: the username and temporary password. */
const invitationTo = async (email: string) => {
  const [invitation] = await awaitEmails(email, 1);
  expect(invitation?.subject).toBe('Your fax service login');
  const field = (label: string) => new RegExp(`^${label}: (\\S+)$`, 'm').exec(invitation!.text)?.[1];
  return { username: field('Username')!, temporaryPassword: field('Temporary password')! };
};

/** The first sign-in: the temporary password, then the new-password challenge; the tokens it gives. */
const firstSignIn = async (accountId: string, password: string, clientId = pool.clientId) => {
  const started = await cognito.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: accountId, PASSWORD: password } }),
  );
  expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  const answered = await cognito.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: clientId,
      Session: started.Session,
      ChallengeResponses: { USERNAME: accountId, NEW_PASSWORD: temporaryPassword() },
    }),
  );
  return { idToken: answered.AuthenticationResult!.IdToken!, accessToken: answered.AuthenticationResult!.AccessToken! };
};

beforeAll(async () => {
  cognito = cognitoClient();
  pool = await localUserPool(cognito);
  // What a function with `logins` access gets from the local runtime.
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognitoEndpoint(),
    [EnvNames.userPoolId]: pool.id,
  });
  const { loginDirectory } = require('../../shared/adapters/cognito/login-directory') as typeof import('../../shared/adapters/cognito/login-directory');
  directory = loginDirectory();
});

afterAll(() => cognito.destroy());

describe('signing in through the emulated user pool', () => {
  it('the real path: sign up, the invitation arrives by email, the first sign-in sets a password, and its ID token finds the account active', async () => {
    // Prepare
    const { email, faxNumber, accountId } = await signedUp();
    expect((await gatewayCall('/gateway/faxes', faxEvent(faxNumber))).status).toBe(422);

    // Act
    const invitation = await invitationTo(email);
    const { idToken } = await firstSignIn(invitation.username, invitation.temporaryPassword);
    const me = await call('GET', '/me', { token: idToken });

    // Assess
    expect(invitation.username).toBe(accountId);
    expect(me.status).toBe(200);
    expect(me.body).toEqual(expect.objectContaining({ accountId, email, status: 'active' }));
    expect((await gatewayCall('/gateway/faxes', faxEvent(faxNumber))).status).toBe(202);
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it('an email change with the code sent to the new address becomes the account’s email and the login’s', async () => {
    // Prepare
    const { email, accountId } = await signedUp();
    const invitation = await invitationTo(email);
    const { idToken } = await firstSignIn(invitation.username, invitation.temporaryPassword);
    const newEmail = `changed.${email}`;
    usedPersonalData.push(newEmail);
    const changed = await call('PATCH', '/me', { token: idToken, json: { email: newEmail } });
    const [codeEmail] = await awaitEmails(newEmail, 1);
    const code = /code: (\d{6})/.exec(codeEmail!.text)?.[1];

    // Act
    const verified = await call('POST', '/me/email/verify', { token: idToken, json: { code } });

    // Assess
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual(expect.objectContaining({ email, pendingEmail: newEmail }));
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual(expect.objectContaining({ email: newEmail }));
    expect(verified.body.pendingEmail).toBeUndefined();
    const login = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: accountId }));
    expect(login.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value).toBe(newEmail);
    // The old address is free for a new sign-up; the new one is held.
    expect((await call('POST', '/accounts', { json: await signUpForm({ email }) })).status).toBe(201);
    expect((await call('POST', '/accounts', { json: await signUpForm({ email: newEmail }) })).status).toBe(409);
  });

  it('a provisioned customer signs in with the temporary password, sets their own, and the ID token opens GET /me', async () => {
    // Prepare
    const { email, accountId } = await signedUp();
    const invitation = temporaryPassword();
    expect(await directory.provision({ accountId, email, temporaryPassword: invitation })).toBe('invited');

    // Act
    const { idToken } = await firstSignIn(accountId, invitation);
    const me = await call('GET', '/me', { token: idToken });

    // Assess
    expect(claimsOf(idToken)).toEqual(
      expect.objectContaining({ 'custom:accountId': accountId, email, token_use: 'id', iss: `${cognitoEndpoint()}/${pool.id}`, aud: pool.clientId }),
    );
    expect(me.status).toBe(200);
    expect(me.body).toEqual(expect.objectContaining({ accountId, email }));
    // Provisioned again (a redelivered account.created) once its owner chose a password: left alone.
    expect(await directory.provision({ accountId, email, temporaryPassword: temporaryPassword() })).toBe('signedIn');
  });

  it('refuses a pool token with a tampered signature, one for another client, and an access token', async () => {
    // Prepare
    const { email } = await signedUp();
    const invitation = await invitationTo(email);
    const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool.id, ClientName: 'not-the-web-client' }));
    const { idToken, accessToken } = await firstSignIn(invitation.username, invitation.temporaryPassword);
    const [header, payload, signature] = idToken.split('.');
    const flipped = signature[20] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload}.${signature.slice(0, 20)}${flipped}${signature.slice(21)}`;
    const otherInvitation = await invitationTo((await signedUp()).email);
    const otherClients = await firstSignIn(otherInvitation.username, otherInvitation.temporaryPassword, UserPoolClient!.ClientId!);

    // Act
    const answers = await Promise.all([tampered, otherClients.idToken, accessToken].map((token) => call('GET', '/me', { token })));

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401]);
  });

  it('runs the login directory unchanged against the emulator: reprovision, email change, disable, remove', async () => {
    // Prepare
    const { email, accountId } = await signedUp();
    // The runtime provisions the sign-up's login in the background: once it has (its invitation is
    // out), it cannot create the login again after this test removed it.
    await invitationTo(email);
    const login = () => cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: accountId }));
    const attribute = (user: Awaited<ReturnType<typeof login>>, name: string) => user.UserAttributes?.find((candidate) => candidate.Name === name)?.Value;

    // Act / Assess: provisioned twice before any sign-in, it is invited both times
    expect(await directory.provision({ accountId, email, temporaryPassword: temporaryPassword() })).toBe('invited');
    expect(await directory.provision({ accountId, email, temporaryPassword: temporaryPassword() })).toBe('invited');
    expect((await login()).UserStatus).toBe('FORCE_CHANGE_PASSWORD');

    // Act / Assess: a new email becomes the login's, verified
    const newEmail = `new.${email}`;
    usedPersonalData.push(newEmail);
    await directory.changeEmail(accountId, newEmail);
    expect([attribute(await login(), 'email'), attribute(await login(), 'email_verified')]).toEqual([newEmail, 'true']);

    // Act / Assess: disabled (twice), then removed (twice); a missing login disables and removes fine
    await directory.disable(accountId);
    await directory.disable(accountId);
    expect((await login()).Enabled).toBe(false);
    await directory.remove(accountId);
    await directory.remove(accountId);
    await directory.disable(accountId);
    await expect(login()).rejects.toBeInstanceOf(UserNotFoundException);
  });

  it('leaves none of the emails or numbers it used in the runtime output', () => {
    // Act
    const output = runtimeOutput();

    // Assess
    expect(usedPersonalData.filter((value) => output.includes(value))).toEqual([]);
  });
});
