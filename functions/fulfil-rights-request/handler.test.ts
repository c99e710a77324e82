import 'aws-sdk-client-mock-jest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { COMPLAINT_AUTHORITIES } from '../../shared/rights/authorities';
import type { RightsRequest, RightsType } from '../../shared/rights/request';
import { ACCOUNT_ID, EMAIL_QUEUE_URL, TABLE_NAME, account, accountKey, givenStoredAccount, transactItems, transactionCanceled, useAccountsEnvironment } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { invokeConsumer, sqsEvent, sqsRecord } from '../../test/support/jobs';

// The handler binds its stores and queues when imported: set them, then load it.
useAccountsEnvironment();
// Its export and erasure steps' buckets and links (their own tests are shared/rights/export*.test.ts, erasure.test.ts).
Object.assign(process.env, { EXPORT_BUCKET_NAME: 'fax-backend-unit-exports', FAX_BUCKET_NAME: 'fax-backend-unit-faxes', API_URL: 'https://api.example.test' });
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const NOW = '2026-06-15T12:05:00.000Z';
const RIGHTS_REQUEST_ID = 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const REQUEST_KEY = { PK: `RIGHTS#${RIGHTS_REQUEST_ID}`, SK: 'REQUEST' };
const TRAIL = `AUDIT#rights-request:${RIGHTS_REQUEST_ID}`;

/** The request as the table holds it once started. */
const givenStarted = (type: RightsType, overrides: Partial<RightsRequest> = {}) => {
  const { type: _type, ...request }: RightsRequest = {
    requestId: RIGHTS_REQUEST_ID,
    type,
    status: 'in_progress',
    email: 'ana@acme.test',
    emailHash: 'h-ana',
    createdAt: '2026-06-15T12:00:00.000Z',
    dueAt: '2026-07-15T12:00:00.000Z',
    verifiedAt: '2026-06-15T12:00:00.000Z',
    ...overrides,
  };
  ddb.on(GetCommand, { Key: REQUEST_KEY }).resolves({ Item: { ...REQUEST_KEY, type: 'rights_request', rightsType: type, ...request } });
};
const consume = () =>
  invokeConsumer(handler, sqsEvent(sqsRecord('msg-1', { type: 'rights-request.verified', version: 1, requestId: RIGHTS_REQUEST_ID }, { requestId: 'req-verify-1' })));
const emailsSent = () => sqs.commandCalls(SendMessageCommand).map((call) => JSON.parse(call.args[0].input.MessageBody!));
/** The transaction that completed the request (its Update on the request item, with `completed`). */
const completion = () =>
  ddb
    .commandCalls(TransactWriteCommand)
    .map((call) => call.args[0].input.TransactItems ?? [])
    .find((items) => items[0]?.Update?.ExpressionAttributeValues?.[':completed'] === 'completed');

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  sqs.reset();
  givenStoredAccount(ddb, account());
  ddb.on(GetCommand, { Key: { PK: 'EMAIL#ana@acme.test', SK: 'CLAIM' } }).resolves({ Item: { accountId: ACCOUNT_ID } });
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
});
afterEach(() => jest.restoreAllMocks());

describe('fulfil-rights-request', () => {
  it('applies a rectification to the account of its email, emails the requester, and completes it with the fields corrected', async () => {
    // Prepare
    givenStarted('rectification', { corrections: { contactName: 'Ana M. Ruiz' } });

    // Act
    const { failed, logs } = await consume();

    // Assess
    expect(failed).toEqual([]);
    const profileWrite = transactItems(ddb, 1)[0].Put;
    expect(profileWrite).toMatchObject({ TableName: TABLE_NAME, Item: { ...accountKey(), contactName: 'Ana M. Ruiz', version: 4 }, ExpressionAttributeValues: { ':expected': 3 } });
    expect(emailsSent()).toEqual([
      { type: 'email.requested', version: 1, messageId: `rights-request-completed#${RIGHTS_REQUEST_ID}`, to: 'ana@acme.test', template: 'rights-request-completed', params: { requestType: 'rectification' } },
    ]);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: EMAIL_QUEUE_URL });
    const [complete, entry] = completion()!;
    expect(complete.Update).toMatchObject({ Key: REQUEST_KEY, ExpressionAttributeValues: { ':result': { corrected: ['contactName'] } } });
    expect(entry.Put?.Item).toMatchObject({ PK: TRAIL, action: 'completed', actor: { kind: 'service', name: 'fulfil-rights-request' } });
    expect(logs).not.toContain('ana@acme.test');
    expect(logs).not.toContain('Ana M. Ruiz');
  });

  it('restricts the processing of the account, in a write conditional on the version read', async () => {
    // Prepare
    givenStarted('restriction');

    // Act
    const { failed } = await consume();

    // Assess
    expect(failed).toEqual([]);
    expect(transactItems(ddb, 1)[0].Put).toMatchObject({
      Item: { ...accountKey(), processing: { restricted: true, objectedToProfiling: false }, version: 4 },
      ConditionExpression: '#version = :expected AND #status <> :pending AND attribute_not_exists(removal)',
      ExpressionAttributeValues: { ':expected': 3, ':pending': 'pending' },
    });
    expect(completion()?.[0].Update?.ExpressionAttributeValues?.[':result']).toEqual({ restricted: true });
  });

  it('completes a complaint with where to lodge it', async () => {
    // Prepare
    givenStarted('complaint', { details: 'You emailed me after I opted out.' });

    // Act
    const { failed, logs } = await consume();

    // Assess
    expect(failed).toEqual([]);
    expect(completion()?.[0].Update?.ExpressionAttributeValues?.[':result']).toEqual({ authorities: COMPLAINT_AUTHORITIES });
    expect(logs).not.toContain('opted out');
  });

  it('fails the message (to be retried) when the account changed under the fulfilment, emailing nobody and completing nothing', async () => {
    // Prepare
    givenStarted('restriction');
    ddb.on(TransactWriteCommand).resolvesOnce({}).rejectsOnce(transactionCanceled('ConditionalCheckFailed')).resolves({});

    // Act
    const { failed } = await consume();

    // Assess
    expect(failed).toEqual(['msg-1']);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    expect(completion()).toBeUndefined();
  });
});
