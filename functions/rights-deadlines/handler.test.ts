import 'aws-sdk-client-mock-jest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { EMAIL_QUEUE_URL, TABLE_NAME, transactItems, useAccountsEnvironment } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { invokeJob } from '../../test/support/jobs';

const ADMIN_EMAIL = 'privacy-admins@fax.unit.test';
useAccountsEnvironment();
process.env.ADMIN_EMAIL = ADMIN_EMAIL;
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const NOW = '2026-07-15T13:00:00.000Z';
const DUE = '2026-07-15T12:00:00.000Z';
const REQUEST_ID = 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const lateItem = {
  PK: `RIGHTS#${REQUEST_ID}`,
  SK: 'REQUEST',
  type: 'rights_request',
  rightsType: 'erasure',
  requestId: REQUEST_ID,
  status: 'in_progress',
  email: 'ana@acme.test',
  createdAt: '2026-06-15T12:00:00.000Z',
  dueAt: DUE,
  GSI2PK: 'RIGHTS#in_progress',
  GSI2SK: `${DUE}#${REQUEST_ID}`,
};

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  sqs.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':listing': 'RIGHTS#in_progress', ':before': NOW } }).resolves({ Items: [lateItem] });
  ddb.on(TransactWriteCommand).resolves({});
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
});
afterEach(() => jest.restoreAllMocks());

describe('rights-deadlines', () => {
  it('reads the past-due range of each open listing, emails ADMIN_EMAIL about the overdue request and marks it, answering the counts', async () => {
    // Act
    const { summary, logs } = await invokeJob(handler);

    // Assess
    expect(summary).toEqual({ requestsMarkedOverdue: 1, unverifiedRejected: 0, checkedAt: NOW });
    expect(ddb.commandCalls(QueryCommand).map((call) => call.args[0].input.ExpressionAttributeValues)).toEqual(
      ['pending_verification', 'verified', 'in_progress'].map((status) => ({ ':listing': `RIGHTS#${status}`, ':before': NOW })),
    );
    const sent = sqs.commandCalls(SendMessageCommand).map((call) => [call.args[0].input.QueueUrl, JSON.parse(call.args[0].input.MessageBody!)]);
    expect(sent).toEqual([
      [
        EMAIL_QUEUE_URL,
        {
          type: 'email.requested',
          version: 1,
          template: 'rights-request-overdue',
          messageId: `rights-request-overdue#${REQUEST_ID}`,
          to: ADMIN_EMAIL,
          params: { requestId: REQUEST_ID, requestType: 'erasure', dueAt: DUE },
        },
      ],
    ]);
    expect(transactItems(ddb)[0].Update).toMatchObject({ TableName: TABLE_NAME, Key: { PK: `RIGHTS#${REQUEST_ID}`, SK: 'REQUEST' }, UpdateExpression: 'SET overdueAt = :at' });
    expect(logs).not.toContain('ana@acme.test');
  });

  it('fails the run when the email pipeline refuses, marking nothing (the schedule retries it)', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(new Error('SQS unavailable'));

    // Act
    const run = invokeJob(handler);

    // Assess
    await expect(run).rejects.toThrow();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});
