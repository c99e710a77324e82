import 'aws-sdk-client-mock-jest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { REQUEST_ID_ATTRIBUTE } from '../../events/message-attributes';
import type { GatewayReceipt } from '../../shared/faxes/ports';
import { MemoryLoginDirectory } from '../../test/support/account-fakes';
import { ACCOUNTS_QUEUE_URL, RIGHTS_QUEUE_URL, TABLE_NAME, USER_POOL_ID, account, givenStoredAccount } from '../../test/support/accounts';
import { callSequence } from '../../test/support/aws';
import { pinClock } from '../../test/support/clock';
import { FAX_QUEUE_URL, deliveryItem, deliveryKey, pendingReceipt, useFaxEnvironment } from '../../test/support/faxes';
import { invokeJob } from '../../test/support/jobs';

// The handler binds its store and queue when imported: set them, then load it.
useFaxEnvironment();
process.env.RIGHTS_QUEUE_URL = RIGHTS_QUEUE_URL;
process.env.USER_POOL_ID = USER_POOL_ID;
const REFERRALS_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/fax-backend-unit-referrals';
process.env.REFERRAL_INVITATIONS_QUEUE_URL = REFERRALS_QUEUE_URL;
const logins = new MemoryLoginDirectory();
jest.mock('../../shared/adapters/cognito/login-directory', () => ({ loginDirectory: () => logins }));
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);

const NOW = '2026-12-01T12:00:00.000Z';
const TWO_MINUTES_AGO = '2026-12-01T11:58:00.000Z';
const PLENTY_OF_TIME_MS = 100_000;

const faxIdOf = (n: number) => `fax_01KB${String(n).padStart(22, '0')}`;
const stranded = (n: number) => pendingReceipt({ webhookId: `msg_stranded_${n}`, faxId: faxIdOf(n) });

/**
 * Pending receipts behind the mocked client: the index's first shard lists them (within the
 * query's Limit), the others nothing, and marking one enqueued takes it off, as DynamoDB would.
 */
const givenPending = (receipts: GatewayReceipt[]) => {
  const listed = new Map(receipts.map((receipt) => [deliveryKey(receipt.webhookId).PK, deliveryItem(receipt)]));
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) =>
    input.ExpressionAttributeValues?.[':shard'] === 'PENDINGFAX#0' ? { Items: [...listed.values()].slice(0, input.Limit) } : { Items: [] },
  );
  ddb.on(UpdateCommand).callsFake((input: { Key: { PK: string } }) => {
    listed.delete(input.Key.PK);
    return {};
  });
  return { remaining: () => [...listed.values()].map((item) => item.faxId) };
};

const redrive = () => invokeJob(handler, PLENTY_OF_TIME_MS);
const sentMessages = () => sqs.commandCalls(SendMessageCommand).map((call) => JSON.parse(call.args[0].input.MessageBody!));

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  sqs.reset();
  givenPending([]);
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-message-1' });
});
afterEach(() => jest.restoreAllMocks());

describe('redrive-receipts', () => {
  it('queues the message of every pending receipt, then drops it from its receipt, reporting how many', async () => {
    // Prepare
    const receipts = [stranded(1), stranded(2), stranded(3)];
    const table = givenPending(receipts);

    // Act
    const { summary } = await redrive();

    // Assess
    expect(summary).toEqual({ faxesRequeued: 3, redrivenAt: NOW, signUpsRequeued: 0, rightsRequestsRequeued: 0, loginEmailsFinished: 0, referralsRequeued: 0 });
    expect(sentMessages()).toEqual(receipts.map((receipt) => receipt.pendingMessage));
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: FAX_QUEUE_URL });
    for (const receipt of receipts) {
      expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
        TableName: TABLE_NAME,
        Key: deliveryKey(receipt.webhookId),
        UpdateExpression: 'REMOVE pendingMessage, GSI2PK, GSI2SK',
      });
    }
    expect(table.remaining()).toEqual([]);
  });

  it('sends each message with the request id of the ingest that accepted its fax, so the fax stays joined to that request', async () => {
    // Prepare
    givenPending([1, 2].map((n) => pendingReceipt({ webhookId: `msg_stranded_${n}`, faxId: faxIdOf(n), requestId: `req-ingest-${n}` })));

    // Act
    await redrive();

    // Assess
    const attributes = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input.MessageAttributes);
    expect(attributes).toEqual([1, 2].map((n) => ({ [REQUEST_ID_ATTRIBUTE]: { DataType: 'String', StringValue: `req-ingest-${n}` } })));
  });

  it('queues each message before marking its receipt, so a failure in between only queues it again', async () => {
    // Prepare
    givenPending([stranded(1)]);

    // Act
    await redrive();

    // Assess
    const order = callSequence({ send: sqs.commandCalls(SendMessageCommand)[0], mark: ddb.commandCalls(UpdateCommand)[0] });
    expect(order).toEqual(['send', 'mark']);
  });

  it('looks in every shard of GSI2 for receipts of faxes accepted more than two minutes ago', async () => {
    // Act
    await redrive();

    // Assess
    const queries = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input).filter((input) => input.ExpressionAttributeValues?.[':shard'] !== undefined);
    expect(queries.map((input) => input.ExpressionAttributeValues?.[':shard'])).toEqual(Array.from({ length: 8 }, (_, shard) => `PENDINGFAX#${shard}`));
    for (const input of queries) {
      expect(input).toMatchObject({
        TableName: TABLE_NAME,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :shard AND GSI2SK < :before',
        ExpressionAttributeValues: { ':before': TWO_MINUTES_AGO },
      });
    }
  });

  it('keeps taking batches of 100 until no pending receipt is left', async () => {
    // Prepare
    const table = givenPending(Array.from({ length: 150 }, (_, i) => stranded(i + 1)));

    // Act
    const { summary } = await redrive();

    // Assess
    expect(summary.faxesRequeued).toBe(150);
    expect(table.remaining()).toEqual([]);
  });

  it('stops, rather than spinning, when the index still lists only receipts this run re-drove', async () => {
    // Prepare: a lagging index that keeps answering the first 100 after they were marked.
    const receipts = Array.from({ length: 100 }, (_, i) => stranded(i + 1));
    givenPending(receipts);
    ddb.on(QueryCommand).resolves({ Items: receipts.map(deliveryItem) });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':partition': 'AWAITINGLOGIN' } }).resolves({ Items: [] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':partition': 'LOGINEMAILOUTDATED' } }).resolves({ Items: [] });
    ddb.on(QueryCommand, { IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :listing' }).resolves({ Items: [] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pending': 'PENDINGREFERRAL' } }).resolves({ Items: [] });

    // Act
    const { summary } = await redrive();

    // Assess
    expect(summary.faxesRequeued).toBe(100);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 100);
  });

  it('fails the run (so the schedule retries) when the queue refuses a message, leaving that receipt pending', async () => {
    // Prepare
    const table = givenPending([stranded(1)]);
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }));

    // Act
    const run = redrive();

    // Assess
    await expect(run).rejects.toThrow();
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
    expect(table.remaining()).toEqual([faxIdOf(1)]);
  });

  it('sends account.created again for each sign-up awaiting its login for over 10 minutes, then notes the send', async () => {
    // Prepare
    const awaiting = ['acc_01KB0000000000000000000001', 'acc_01KB0000000000000000000002'];
    ddb.on(QueryCommand, { IndexName: 'GSI2', ExpressionAttributeValues: { ':partition': 'AWAITINGLOGIN' } }).resolves({ Items: awaiting.map((accountId) => ({ accountId })) });

    // Act
    const { summary } = await redrive();

    // Assess
    expect(summary.signUpsRequeued).toBe(2);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :partition AND GSI2SK < :before',
      ExpressionAttributeValues: { ':partition': 'AWAITINGLOGIN', ':before': '2026-12-01T11:50:00.000Z' },
    });
    const sent = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(sent).toEqual(
      awaiting.map((accountId) => ({ QueueUrl: ACCOUNTS_QUEUE_URL, MessageBody: JSON.stringify({ type: 'account.created', version: 1, accountId }) })),
    );
    for (const accountId of awaiting) {
      expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
        Key: { PK: `ACCOUNT#${accountId}`, SK: 'PROFILE' },
        UpdateExpression: 'SET GSI2SK = :entry',
        ExpressionAttributeValues: { ':entry': `${NOW}#${accountId}` },
      });
    }
  });

  it('queues again each rights request verified over 10 minutes ago or started over 30 minutes ago, then notes it', async () => {
    // Prepare
    const listed = { 'RIGHTS#verified': 'rrq_01KB0000000000000000000001', 'RIGHTS#in_progress': 'rrq_01KB0000000000000000000002' };
    for (const [listing, requestId] of Object.entries(listed)) {
      ddb.on(QueryCommand, { IndexName: 'GSI2', ExpressionAttributeValues: { ':listing': listing } }).resolves({ Items: [{ requestId }] });
    }

    // Act
    const { summary } = await redrive();

    // Assess
    expect(summary.rightsRequestsRequeued).toBe(2);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { ExpressionAttributeNames: { '#entered': 'verifiedAt' }, ExpressionAttributeValues: { ':listing': 'RIGHTS#verified', ':before': '2026-12-01T11:50:00.000Z' } });
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { ExpressionAttributeNames: { '#entered': 'startedAt' }, ExpressionAttributeValues: { ':listing': 'RIGHTS#in_progress', ':before': '2026-12-01T11:30:00.000Z' } });
    const sent = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(sent).toEqual(
      Object.values(listed).map((requestId) => ({ QueueUrl: RIGHTS_QUEUE_URL, MessageBody: JSON.stringify({ type: 'rights-request.verified', version: 1, requestId }) })),
    );
    for (const requestId of Object.values(listed)) {
      expect(ddb).toHaveReceivedCommandWith(UpdateCommand, { Key: { PK: `RIGHTS#${requestId}`, SK: 'REQUEST' }, UpdateExpression: 'SET requeuedAt = :at', ExpressionAttributeValues: { ':at': NOW } });
    }
    const order = callSequence({ send: sqs.commandCalls(SendMessageCommand)[0], note: ddb.commandCalls(UpdateCommand)[0] });
    expect(order).toEqual(['send', 'note']);
  });

  it('gives each login whose email a confirmed change left out of date for over a minute the account’s email, then notes it current', async () => {
    // Prepare
    const outdated = account({ email: 'ana@newco.test', loginEmailOutdatedAt: '2026-12-01T11:40:00.000Z' });
    await logins.provision({ accountId: outdated.accountId, email: 'ana@acme.test', temporaryPassword: 'x' });
    givenStoredAccount(ddb, outdated);
    ddb.on(QueryCommand, { IndexName: 'GSI2', ExpressionAttributeValues: { ':partition': 'LOGINEMAILOUTDATED' } }).resolves({ Items: [{ accountId: outdated.accountId }] });

    // Act
    const { summary } = await redrive();

    // Assess
    expect(summary.loginEmailsFinished).toBe(1);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { ExpressionAttributeValues: { ':partition': 'LOGINEMAILOUTDATED', ':before': '2026-12-01T11:59:00.000Z' } });
    expect(logins.logins.get(outdated.accountId)?.email).toBe('ana@newco.test');
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { PK: `ACCOUNT#${outdated.accountId}`, SK: 'PROFILE' },
      UpdateExpression: 'REMOVE loginEmailOutdatedAt, GSI2PK, GSI2SK',
      ConditionExpression: 'loginEmailOutdatedAt = :at',
      ExpressionAttributeValues: { ':at': '2026-12-01T11:40:00.000Z' },
    });
  });

  it('queues a referral whose hand-over is still pending 2 minutes after it was made (ids only), then drops its pending entry', async () => {
    // Prepare
    const referral = { referrerId: 'acc_01KB0000000000000000000001', referralId: 'ref_01KB0000000000000000000001' };
    ddb.on(QueryCommand, { IndexName: 'GSI2', ExpressionAttributeValues: { ':pending': 'PENDINGREFERRAL' } }).resolves({ Items: [referral] });

    // Act
    const { summary } = await redrive();

    // Assess
    expect(summary.referralsRequeued).toBe(1);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pending AND GSI2SK < :before',
      ExpressionAttributeValues: { ':pending': 'PENDINGREFERRAL', ':before': TWO_MINUTES_AGO },
    });
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: REFERRALS_QUEUE_URL, MessageBody: JSON.stringify({ type: 'referral.created', version: 1, ...referral }) });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { PK: `ACCOUNT#${referral.referrerId}`, SK: `REFERRAL#${referral.referralId}` },
      UpdateExpression: 'REMOVE GSI2PK, GSI2SK',
      ConditionExpression: 'attribute_exists(PK)',
    });
  });

  it('sends nothing when no receipt is pending', async () => {
    // Act
    const { summary } = await redrive();

    // Assess
    expect(summary.faxesRequeued).toBe(0);
    expect(sqs).not.toHaveReceivedAnyCommand();
  });
});
