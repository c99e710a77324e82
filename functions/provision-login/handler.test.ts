import 'aws-sdk-client-mock-jest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { AliasRelease } from '../../shared/accounts/logins';
import { MemoryLoginDirectory, failing } from '../../test/support/account-fakes';
import { ACCOUNT_ID, EMAIL_QUEUE_URL, TABLE_NAME, account, accountKey, givenStoredAccount, staleAliasDecisions, useAccountsEnvironment } from '../../test/support/accounts';
import { callSequence } from '../../test/support/aws';
import { pinClock } from '../../test/support/clock';
import { invokeConsumer, sqsEvent, sqsRecord } from '../../test/support/jobs';

// The user pool stands in memory: the Cognito adapter has its own tests.
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

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const NOW = '2026-06-15T12:05:00.000Z';
const created = (accountId = ACCOUNT_ID) => ({ type: 'account.created', version: 1, accountId });
const consume = (...bodies: unknown[]) =>
  invokeConsumer(handler, sqsEvent(...bodies.map((body, n) => sqsRecord(`msg-${n + 1}`, body, { requestId: 'req-sign-up-1' }))));
const invitations = () => sqs.commandCalls(SendMessageCommand).map((call) => JSON.parse(call.args[0].input.MessageBody!));

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  sqs.reset();
  logins.logins.clear();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
  givenStoredAccount(ddb, account({ status: 'pending', loginProvisionedAt: undefined }));
  ddb.on(UpdateCommand).resolves({});
});
afterEach(() => jest.restoreAllMocks());

describe('provision-login', () => {
  it('creates the login, queues the invitation to the account’s email, then marks the account provisioned', async () => {
    // Act
    const { failed, logs } = await consume(created());

    // Assess
    expect(failed).toEqual([]);
    const password = logins.logins.get(ACCOUNT_ID)?.temporaryPassword ?? '';
    expect(password).toMatch(/^.{20}$/);
    expect(invitations()).toEqual([
      expect.objectContaining({ template: 'login-invitation', to: 'ana@acme.test', params: { username: ACCOUNT_ID, temporaryPassword: password } }),
    ]);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      QueueUrl: EMAIL_QUEUE_URL,
      MessageAttributes: { requestId: { DataType: 'String', StringValue: 'req-sign-up-1' } },
    });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: TABLE_NAME,
      Key: accountKey(),
      UpdateExpression: 'SET loginProvisionedAt = :at REMOVE GSI2PK, GSI2SK',
      ExpressionAttributeValues: { ':at': NOW },
    });
    expect(callSequence({ invitation: sqs.commandCalls(SendMessageCommand)[0], mark: ddb.commandCalls(UpdateCommand)[0] })).toEqual(['invitation', 'mark']);
    expect(logs).not.toContain(password);
    expect(logs).not.toContain('ana@acme.test');
  });

  it('gives an account already active but never provisioned its login and invitation', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'active', loginProvisionedAt: undefined }));

    // Act
    const { failed } = await consume(created());

    // Assess
    expect(failed).toEqual([]);
    expect(logins.logins.get(ACCOUNT_ID)?.enabled).toBe(true);
    expect(invitations()).toEqual([expect.objectContaining({ template: 'login-invitation', to: 'ana@acme.test' })]);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, { Key: accountKey(), ExpressionAttributeValues: { ':at': NOW } });
  });

  it('fails the record (retried, then dead-lettered) when the user pool fails, inviting nobody', async () => {
    // Prepare
    jest.spyOn(logins, 'provision').mockRejectedValueOnce(failing('user pool'));

    // Act
    const { failed } = await consume(created());

    // Assess
    expect(failed).toEqual(['msg-1']);
    expect(sqs).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });

  it('fails the record when the invitation cannot be queued, leaving the account unmarked', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(failing('queue'));

    // Act
    const { failed } = await consume(created());

    // Assess
    expect(failed).toEqual(['msg-1']);
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });

  it.each([
    ['is gone', undefined],
    ['is already provisioned', account({ status: 'pending', loginProvisionedAt: '2026-06-15T12:00:05.000Z' })],
    ['is being erased', account({ status: 'pending', removal: 'erasure', loginProvisionedAt: undefined })],
    ['is expiring', account({ status: 'pending', removal: 'expiry', loginProvisionedAt: undefined })],
  ])('does nothing, successfully, when the account %s', async (_case, stored) => {
    // Prepare
    givenStoredAccount(ddb, stored);

    // Act
    const { failed } = await consume(created());

    // Assess
    expect(failed).toEqual([]);
    expect(logins.logins.size).toBe(0);
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('gives the login directory the stale-alias policy: an email alias leaves only a login whose account no longer holds that email', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'active', loginProvisionedAt: undefined }));
    const [mayRelease] = mockAliasPolicies;

    // Act
    const decisions = await staleAliasDecisions(mayRelease!);

    // Assess
    expect(decisions).toEqual([false, true, false]);
  });

  it('fails a message that is not an account.created v1', async () => {
    // Act
    const { failed } = await consume({ ...created(), email: 'ana@acme.test' });

    // Assess
    expect(failed).toEqual(['msg-1']);
    expect(logins.logins.size).toBe(0);
  });
});
