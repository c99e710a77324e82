import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, PROCESSOR_TOKEN, TABLE_NAME, account, accountKey, givenStoredAccount, transactItems, transactionCanceled } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler builds its account store when imported, from TABLE_NAME: set it, then load it.
process.env.TABLE_NAME = TABLE_NAME;
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const getMe = (accountId = ACCOUNT_ID) => invoke(handler, httpEvent({ method: 'GET', path: '/me', claims: customerClaims(accountId) }));

beforeEach(() => ddb.reset());
afterEach(() => jest.restoreAllMocks());

describe('GET /me', () => {
  it("answers 200 with the caller's profile, read consistently by the token's account", async () => {
    // Prepare
    givenStoredAccount(ddb, account());

    // Act
    const reply = await getMe();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      accountId: ACCOUNT_ID,
      company: 'Acme Dental',
      contactName: 'Ana Ruiz',
      phone: '+15551230000',
      email: 'ana@acme.test',
      faxNumber: '+15551230001',
      status: 'active',
      createdAt: '2026-01-10T09:00:00.000Z',
      preferences: { marketingOptIn: false, optOutAll: false, businessTransitionOptOut: false },
      processing: { restricted: false, objectedToProfiling: false },
      billing: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
      referralCode: 'K7M2Q9XA',
    });
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { TableName: TABLE_NAME, Key: accountKey(ACCOUNT_ID), ConsistentRead: true });
  });

  it('activates a pending account at its first authenticated request, conditionally, and answers it active', async () => {
    // Prepare
    pinClock('2026-06-16T08:30:00.000Z');
    const pending = account({ status: 'pending', version: 1 });
    givenStoredAccount(ddb, pending);
    const activated = { ...pending, status: 'active', activatedAt: '2026-06-16T08:30:00.000Z', version: 2 };
    ddb.on(UpdateCommand).resolves({ Attributes: { ...accountKey(), type: 'account', ...activated } });

    // Act
    const reply = await getMe();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('active');
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: TABLE_NAME,
      Key: accountKey(),
      // Listed as notifiable (the policy notices' index) in place of unproven.
      UpdateExpression: 'SET #status = :active, activatedAt = :at, updatedAt = :at, version = version + :one, GSI1PK = :entryPk, GSI1SK = :entrySk REMOVE referralId',
      ConditionExpression: '#status = :pending AND attribute_not_exists(removal)',
      ExpressionAttributeValues: {
        ':active': 'active',
        ':pending': 'pending',
        ':at': '2026-06-16T08:30:00.000Z',
        ':one': 1,
        ':entryPk': expect.stringMatching(/^NOTIFIABLE#\d+$/),
        ':entrySk': ACCOUNT_ID,
      },
    });
  });

  it('answers the account active when a concurrent request activated it first', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'pending', version: 1 }));
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    ddb.on(GetCommand, { Key: accountKey() }).resolvesOnce({ Item: { ...accountKey(), ...account({ status: 'pending', version: 1 }) } }).resolves({ Item: { ...accountKey(), ...account({ version: 2 }) } });

    // Act
    const reply = await getMe();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('active');
  });

  it('never returns the processor token, nor the storage keys', async () => {
    // Prepare
    givenStoredAccount(ddb, account());

    // Act
    const reply = await getMe();

    // Assess
    expect(reply.text).not.toContain(PROCESSOR_TOKEN);
    expect(reply.text).not.toContain('processorToken');
    expect(reply.text).not.toContain('ACCOUNT#');
  });

  it('still answers 200 to a deactivated account', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated', deactivatedAt: '2026-05-01T00:00:00.000Z' }));

    // Act
    const reply = await getMe();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('deactivated');
  });

  it('answers 404 when the account is gone', async () => {
    // Prepare
    givenStoredAccount(ddb, undefined);

    // Act
    const reply = await getMe();

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('application/problem+json');
  });

  it("answers 404, not another tenant's profile, when the token's account does not exist", async () => {
    // Prepare
    givenStoredAccount(ddb, account());

    // Act
    const reply = await getMe('acc_01JZ9ZZZZZZZZZZZZZZZZZZZZZ');

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain('ana@acme.test');
  });
});

describe("GET /me: a referred sign-up's proof converts its referral", () => {
  const PROVEN = '2026-06-16T08:30:00.000Z';
  const referralKey = { PK: 'ACCOUNT#acc_referrer', SK: 'REFERRAL#ref_1' };
  const referred = account({ status: 'pending', version: 1, referredByAccountId: 'acc_referrer', referralId: 'ref_1' });
  const { referralId: _dropped, ...activated } = { ...referred, status: 'active' as const, activatedAt: PROVEN, updatedAt: PROVEN, version: 2 };

  beforeEach(() => {
    pinClock(PROVEN);
    givenStoredAccount(ddb, referred);
  });

  it("activates the account and converts the referral it names in one transaction, each conditional, and answers the account as it then is", async () => {
    // Prepare
    ddb.on(GetCommand, { Key: accountKey() }).resolvesOnce({ Item: { ...accountKey(), ...referred } }).resolves({ Item: { ...accountKey(), ...activated } });

    // Act
    const reply = await getMe();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('active');
    const [activation, conversion] = transactItems(ddb);
    expect(activation.Update).toMatchObject({
      Key: accountKey(),
      UpdateExpression: expect.stringMatching(/^SET #status = :active, activatedAt = :at, .* REMOVE referralId$/),
      ConditionExpression: '#status = :pending AND attribute_not_exists(removal)',
      ExpressionAttributeValues: expect.objectContaining({ ':at': PROVEN }),
    });
    expect(conversion.Update).toEqual({
      TableName: TABLE_NAME,
      Key: referralKey,
      UpdateExpression: 'SET #status = :converted, convertedAt = :at',
      ConditionExpression: 'attribute_exists(PK) AND #status <> :converted',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':converted': 'converted', ':at': PROVEN },
    });
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });

  it('activates without the conversion when the referral is gone or converted already', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('None', 'ConditionalCheckFailed'));
    ddb.on(UpdateCommand).resolves({ Attributes: { ...accountKey(), type: 'account', ...activated } });

    // Act
    const reply = await getMe();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('active');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: accountKey(),
      UpdateExpression: expect.stringMatching(/ REMOVE referralId$/),
      ConditionExpression: '#status = :pending AND attribute_not_exists(removal)',
      ExpressionAttributeValues: expect.objectContaining({ ':at': PROVEN }),
    });
    expect(ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input.Key)).toEqual([accountKey()]);
  });

  it('converts nothing when a concurrent request activated the account first: it answers the account active', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'ConditionalCheckFailed'));
    ddb.on(GetCommand, { Key: accountKey() }).resolvesOnce({ Item: { ...accountKey(), ...referred } }).resolves({ Item: { ...accountKey(), ...activated } });

    // Act
    const reply = await getMe();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('active');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });
});
