import 'aws-sdk-client-mock-jest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ACCOUNT_ID,
  EMAIL_QUEUE_URL,
  PROCESSOR_TOKEN,
  TABLE_NAME,
  account,
  accountKey,
  givenStoredAccount,
  transactItems,
  transactionCanceled,
  useAccountsEnvironment,
} from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler builds its account store and outbox when imported: set their bindings, then load it.
useAccountsEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const NOW = '2026-06-15T12:00:00.000Z';
const patchMe = (body: unknown) => invoke(handler, httpEvent({ method: 'PATCH', path: '/me', claims: customerClaims(ACCOUNT_ID), body }));

const PROFILE = 0;

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
  givenStoredAccount(ddb, account({ version: 3 }));
  ddb.on(UpdateCommand).resolves({});
});
afterEach(() => jest.restoreAllMocks());

describe('PATCH /me', () => {
  it('answers 200 with the updated profile, written only if nobody changed it since it was read', async () => {
    // Act
    const reply = await patchMe({ company: 'Acme Dental Group', contactName: 'Ana M. Ruiz' });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ accountId: ACCOUNT_ID, company: 'Acme Dental Group', contactName: 'Ana M. Ruiz', email: 'ana@acme.test' });
    expect(reply.text).not.toContain(PROCESSOR_TOKEN);
    const items = transactItems(ddb);
    expect(items).toHaveLength(1);
    expect(items[PROFILE].Put).toEqual({
      TableName: TABLE_NAME,
      Item: {
        ...accountKey(),
        type: 'account',
        ...account({ company: 'Acme Dental Group', contactName: 'Ana M. Ruiz', updatedAt: NOW, version: 4 }),
        // Still notifiable (active, not opted out of all communication): its entry in the policy notices' index stays.
        GSI1PK: expect.stringMatching(/^NOTIFIABLE#\d+$/),
        GSI1SK: ACCOUNT_ID,
      },
      ConditionExpression: '#version = :expected AND #status <> :pending AND attribute_not_exists(removal)',
      ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
      ExpressionAttributeValues: { ':expected': 3, ':pending': 'pending' },
    });
  });

  it('keeps an active account that still awaits its login listed as awaiting it (a local token activated it first)', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ version: 3, loginProvisionedAt: undefined }));

    // Act
    const reply = await patchMe({ company: 'Acme Dental Group' });

    // Assess
    expect(reply.status).toBe(200);
    expect(transactItems(ddb)[PROFILE].Put.Item).toMatchObject({ GSI2PK: 'AWAITINGLOGIN', GSI2SK: `2026-01-10T09:00:00.000Z#${ACCOUNT_ID}` });
  });

  it('keeps the email, storing the new one as pending with a digest of its code, and queues the code for the new address', async () => {
    // Act
    const reply = await patchMe({ email: 'Ana@NewCo.Test' });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ email: 'ana@acme.test', pendingEmail: 'ana@newco.test' });
    const items = transactItems(ddb);
    expect(items).toHaveLength(1);
    expect(items[PROFILE].Put.Item).toMatchObject({
      email: 'ana@acme.test',
      emailChange: { email: 'ana@newco.test', codeHash: expect.any(String), codeExpiresAt: '2026-06-15T12:15:00.000Z', attempts: 0 },
    });
    const [send] = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(send.QueueUrl).toBe(EMAIL_QUEUE_URL);
    const message = JSON.parse(send.MessageBody!);
    expect(message).toMatchObject({ template: 'email-change-code', to: 'ana@newco.test', params: { code: expect.stringMatching(/^\d{6}$/) } });
    expect(reply.logs).not.toContain(message.params.code);
    expect(JSON.stringify(items)).not.toContain(`"${message.params.code}"`);
  });

  it('answers 500 when the code cannot be queued: its retry sends a new code', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }));

    // Act
    const reply = await patchMe({ email: 'ana@newco.test' });

    // Assess
    expect(reply.status).toBe(500);
  });

  it('leaves the claim alone when the email only changes case', async () => {
    // Act
    const reply = await patchMe({ email: 'ANA@acme.TEST' });

    // Assess
    expect(reply.status).toBe(200);
    expect(transactItems(ddb)).toHaveLength(1);
    expect(transactItems(ddb)[PROFILE].Put.Item).not.toHaveProperty('emailChange');
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('answers as for a free email when another account holds the new email, storing the change but sending it no code', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: { PK: 'EMAIL#ana@newco.test', SK: 'CLAIM' } }).resolves({ Item: { accountId: 'acc_someone_else' } });

    // Act
    const reply = await patchMe({ email: 'ana@newco.test' });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ email: 'ana@acme.test', pendingEmail: 'ana@newco.test' });
    expect(transactItems(ddb)[PROFILE].Put.Item).toMatchObject({ emailChange: { email: 'ana@newco.test' } });
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('answers 429 past the day’s email-change codes, storing and sending nothing', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'limit', $metadata: {} }));

    // Act
    const reply = await patchMe({ email: 'ana@newco.test' });

    // Assess
    expect(reply.status).toBe(429);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(ddb.commandCalls(UpdateCommand).map((call) => String(call.args[0].input.Key?.PK))).toEqual([expect.stringMatching(/^THROTTLE#email-change-codes#issued#/)]);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sqs).not.toHaveReceivedAnyCommand();
    expect(reply.text + reply.logs).not.toContain(ACCOUNT_ID);
  });

  it('answers 409 when the account changed concurrently (version condition)', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed'));

    // Act
    const reply = await patchMe({ email: 'ana@newco.test' });

    // Assess
    expect(reply.status).toBe(409);
    expect(reply.body.detail).toMatch(/changed/);
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('answers 403 to a deactivated account and writes nothing', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated' }));

    // Act
    const reply = await patchMe({ company: 'Acme Dental Group' });

    // Assess
    expect(reply.status).toBe(403);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 404 when the account is gone', async () => {
    // Prepare
    givenStoredAccount(ddb, undefined);

    // Act
    const reply = await patchMe({ company: 'Acme Dental Group' });

    // Assess
    expect(reply.status).toBe(404);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each([
    ['no field at all', {}],
    ['a field the customer may not change', { status: 'active' }],
    ['a phone that is not E.164', { phone: '555-1234' }],
    ['an invalid email', { email: 'not-an-email' }],
    ['a company with a NUL', { company: 'Acme\u0000' }],
    ['a contact name of zero-width spaces only', { contactName: '\u200B\u200B' }],
    ['a card number written with dots', { company: 'Acme 4111.1111.1111.1111' }],
  ])('answers 400 for %s, without reading or writing', async (_case, body) => {
    // Act
    const reply = await patchMe(body);

    // Assess
    expect(reply.status).toBe(400);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it.each([
    ['an unknown field alone', { status: 'active' }, [{ path: '(body)', message: 'Unknown field.' }]],
    ['no field at all', {}, [{ path: '(body)', message: 'At least one field is required.' }]],
  ])('answers 400 for %s with that one problem', async (_case, body, errors) => {
    // Act
    const reply = await patchMe(body);

    // Assess
    expect(reply.body.errors).toEqual(errors);
  });

  it.each([
    ['an id-shaped run of card digits', 'abc_41111111111111110000000000'],
    ['a fax-id-shaped run of card digits', 'fax_41111111111111110000000000'],
    ['a combining mark on a digit', '4\u0301111111111111111'],
    ['groups five spaces apart', '4111     1111     1111     1111'],
    ['underscores', '4111_1111_1111_1111'],
    ['a grouped Amex number after a plus', '+3782 822463 10005'],
  ])('answers 400 for card digits written as %s, writing nothing', async (_case, contactName) => {
    // Act
    const reply = await patchMe({ contactName });

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'contactName', message: expect.stringMatching(/^Card numbers are not accepted/) }]);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it.each(['4111111111111111', 'ana.ruiz@acme.test'])('answers 400 to %p sent as a key, echoing and logging it nowhere', async (key) => {
    // Act
    const replies = [await patchMe({ company: 'Acme', [key]: 'x' }), await patchMe({ [key]: { [key]: 1 } })];

    // Assess
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.text).not.toContain(key);
      expect(reply.logs).not.toContain(key);
    }
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
