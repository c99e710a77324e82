import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { AliasRelease } from '../../shared/accounts/logins';
import { MemoryLoginDirectory } from '../../test/support/account-fakes';
import { ACCOUNT_ID, TABLE_NAME, account, accountKey, givenStoredAccount, staleAliasDecisions, transactItems, transactionCanceled, useAccountsEnvironment } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

const logins = new MemoryLoginDirectory();
// The alias policy each directory was built with (mock-prefixed: jest.mock's factory may name it).
const mockAliasPolicies: AliasRelease[] = [];
jest.mock('../../shared/adapters/cognito/login-directory', () => ({
  loginDirectory: (mayRelease: AliasRelease) => {
    mockAliasPolicies.push(mayRelease);
    return logins;
  },
}));
useAccountsEnvironment();
const { handler } = require('./handler') as typeof import('./handler');
const { hmacPseudonymiser } = require('../../shared/adapters/secrets/pseudonymiser') as typeof import('../../shared/adapters/secrets/pseudonymiser');

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-06-15T12:05:00.000Z';
const CODE = '482913';
const NEW_EMAIL = 'ana@newco.test';
const verify = (body: unknown) => invoke(handler, httpEvent({ method: 'POST', path: '/me/email/verify', claims: customerClaims(ACCOUNT_ID), body }));

const withChange = async (attempts: number) =>
  account({
    version: 4,
    emailChange: {
      email: NEW_EMAIL,
      codeHash: await hmacPseudonymiser(async () => process.env.HASH_KEY!).pseudonym('email-change-code-v1', [ACCOUNT_ID, NEW_EMAIL, CODE]),
      codeExpiresAt: '2026-06-15T12:15:00.000Z',
      attempts,
    },
  });

beforeEach(async () => {
  pinClock(NOW);
  ddb.reset();
  logins.logins.set(ACCOUNT_ID, { email: 'ana@acme.test', temporaryPassword: 'x', enabled: true, signedIn: true });
  const stored = await withChange(0);
  givenStoredAccount(ddb, stored);
  ddb.on(UpdateCommand).resolves({ Attributes: { ...accountKey(), type: 'account', ...(await withChange(1)) } });
});
afterEach(() => jest.restoreAllMocks());

describe('POST /me/email/verify', () => {
  it('counts the attempt first, then moves the email and its claim, and sets the login’s email: 200 with the profile', async () => {
    // Act
    const reply = await verify({ code: CODE });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.email).toBe(NEW_EMAIL);
    const [tried, counted, noted] = ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(tried.Key?.PK).toMatch(/^THROTTLE#email-change-codes#tried#/);
    expect(counted).toMatchObject({
      TableName: TABLE_NAME,
      Key: accountKey(),
      UpdateExpression: 'SET emailChange.attempts = emailChange.attempts + :one, version = version + :one',
      ConditionExpression: 'attribute_exists(emailChange) AND emailChange.attempts < :max AND #status = :active',
    });
    const items = transactItems(ddb);
    expect(items[0].Put.Item).toMatchObject({ email: NEW_EMAIL, loginEmailOutdatedAt: NOW, GSI2PK: 'LOGINEMAILOUTDATED', GSI2SK: `${NOW}#${ACCOUNT_ID}` });
    expect(items[0].Put.Item).not.toHaveProperty('emailChange');
    expect(items[2].Put.Item).toMatchObject({ PK: `EMAIL#${NEW_EMAIL}`, accountId: ACCOUNT_ID });
    expect(logins.logins.get(ACCOUNT_ID)?.email).toBe(NEW_EMAIL);
    expect(noted).toMatchObject({ Key: accountKey(), UpdateExpression: 'REMOVE loginEmailOutdatedAt, GSI2PK, GSI2SK', ExpressionAttributeValues: { ':at': NOW } });
    expect(reply.logs).not.toContain(CODE);
  });

  it('answers 422 to a wrong code, changing nothing but the count', async () => {
    // Act
    const reply = await verify({ code: '000000' });

    // Assess
    expect(reply.status).toBe(422);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(reply.text).not.toContain('000000');
  });

  it('answers 409 when no change is pending (or it was dropped after 5 wrong codes)', async () => {
    // Prepare
    ddb.on(UpdateCommand, { Key: accountKey() }).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    // Act
    const reply = await verify({ code: CODE });

    // Assess
    expect(reply.status).toBe(409);
  });

  it('answers 429 once the account’s tries of the day are used up, counting nothing on the change', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    // Act
    const reply = await verify({ code: CODE });

    // Assess
    expect(reply.status).toBe(429);
    expect(ddb.commandCalls(UpdateCommand).map((call) => String(call.args[0].input.Key?.PK))).toEqual([expect.stringMatching(/^THROTTLE#email-change-codes#tried#/)]);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 422 when the email was taken meanwhile, as to a wrong code, keeping the old email', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('None', 'None', 'ConditionalCheckFailed'));

    // Act
    const reply = await verify({ code: CODE });

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.body.detail).toBe('The code is not valid or the email cannot be used.');
  });

  it('finishes a confirmed change whose login did not follow, whatever the code, counting no try', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ email: NEW_EMAIL, loginEmailOutdatedAt: '2026-06-15T12:01:00.000Z' }));

    // Act
    const reply = await verify({ code: '000000' });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ email: NEW_EMAIL });
    expect(logins.logins.get(ACCOUNT_ID)?.email).toBe(NEW_EMAIL);
    expect(ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input.UpdateExpression)).toEqual(['REMOVE loginEmailOutdatedAt, GSI2PK, GSI2SK']);
  });

  it.each([['five digits', '12345'], ['letters', 'abcdef'], ['a number', 482913]])('answers 400 to a code of %s, counting nothing', async (_case, code) => {
    // Act
    const reply = await verify({ code });

    // Assess
    expect(reply.status).toBe(400);
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });

  it('gives the login directory the stale-alias policy: an email alias leaves only a login whose account no longer holds that email', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'active' }));
    const [mayRelease] = mockAliasPolicies;

    // Act
    const decisions = await staleAliasDecisions(mayRelease!);

    // Assess
    expect(decisions).toEqual([false, true, false]);
  });
});
