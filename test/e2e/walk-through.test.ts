import { AdminGetUserCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { temporaryPassword } from '../../shared/accounts/password-policy';
import { call, runtimeOutput, signUpFields, tokenFor, uniqueFaxNumber } from './support/client';
import { awaitEmails } from './support/emails';
import { cognitoClient, localUserPool } from './support/user-pool';

// The README's "Try it" walk-through as a newcomer runs it, over HTTP: the local token taken
// right after the sign-up activates the account before its login exists (the consumer of
// account.created has usually not run yet), and the login is still provisioned, so the invitation
// arrives, an email change is verified (the login's email too) and the first sign-in works.

let cognito: CognitoIdentityProviderClient;
let pool: { id: string; clientId: string };
const usedPersonalData: string[] = [];

beforeAll(async () => {
  cognito = cognitoClient();
  pool = await localUserPool(cognito);
});
afterAll(() => cognito.destroy());

describe("the README's walk-through", () => {
  it('numbers, a sign-up, a local token at once, GET /me active; then the invitation, an email change verified, and the first sign-in', async () => {
    // Prepare: the "Try it" block, with values of this run.
    const numbers = [uniqueFaxNumber(), uniqueFaxNumber()];
    const email = `ana.${randomUUID().slice(0, 8)}@acme.test`;
    const newEmail = `ana.ruiz.${randomUUID().slice(0, 8)}@acme.test`;
    usedPersonalData.push(email, newEmail, ...numbers);
    expect((await call('GET', '/health')).status).toBe(200);
    const admin = await tokenFor(`ops.${randomUUID().slice(0, 8)}@acme.test`, { groups: ['admin'] });
    expect((await call('POST', '/admin/numbers', { token: admin, json: { numbers } })).body).toEqual({ added: 2, alreadyPresent: 0 });
    const available = await call('GET', '/numbers/available?areaCode=555&limit=100');
    expect(available.status).toBe(200);
    const created = await call('POST', '/accounts', { json: signUpFields({ email, faxNumber: numbers[0] }) });
    expect(created.status).toBe(201);
    const accountId = created.body.accountId as string;

    // Act
    const token = await tokenFor(email);
    const me = await call('GET', '/me', { token });
    const [invitation] = await awaitEmails(email, 1);
    const changed = await call('PATCH', '/me', { token, json: { email: newEmail } });
    const [codeEmail] = await awaitEmails(newEmail, 1);
    const verified = await call('POST', '/me/email/verify', { token, json: { code: /code: (\d{6})/.exec(codeEmail?.text ?? '')?.[1] } });

    // Assess
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ accountId, email, status: 'active' });
    expect(invitation?.subject).toBe('Your fax service login');
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ email, pendingEmail: newEmail });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ email: newEmail, status: 'active' });
    const login = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: accountId }));
    expect(login.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value).toBe(newEmail);
    // The invitation's temporary password still opens the login: the first sign-in sets the customer's own.
    const field = (label: string) => new RegExp(`^${label}: (\\S+)$`, 'm').exec(invitation?.text ?? '')?.[1];
    const started = await cognito.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: field('Username')!, PASSWORD: field('Temporary password')! } }),
    );
    expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const signedIn = await cognito.send(
      new RespondToAuthChallengeCommand({
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ClientId: pool.clientId,
        Session: started.Session,
        ChallengeResponses: { USERNAME: accountId, NEW_PASSWORD: temporaryPassword() },
      }),
    );
    const meSignedIn = await call('GET', '/me', { token: signedIn.AuthenticationResult!.IdToken! });
    expect(meSignedIn.body).toMatchObject({ accountId, email: newEmail, status: 'active' });
  }, 60_000); // many calls and two emails awaited: more than jest's 5 s default under load

  it('logged none of the personal data it sent', () => {
    // Act
    const output = runtimeOutput();

    // Assess
    expect(usedPersonalData.filter((value) => output.includes(value))).toEqual([]);
  });
});
