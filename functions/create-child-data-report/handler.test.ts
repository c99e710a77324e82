import 'aws-sdk-client-mock-jest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, RIGHTS_QUEUE_URL, useAccountsEnvironment } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { adminClaims, customerClaims, httpEvent, invoke } from '../../test/support/http';

useAccountsEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const NOW = '2026-06-15T12:00:00.000Z';
const CHILD = 'kid.ruiz@acme.test';
const post = (body: unknown, claims = adminClaims()) => invoke(handler, httpEvent({ method: 'POST', path: '/admin/child-data-reports', body, claims }));

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
  ddb.on(TransactWriteCommand).resolves({});
});

describe('POST /admin/child-data-reports', () => {
  it('files an erasure request already verified, reported by the admin, and queues it for fulfilment: 202 with its id', async () => {
    // Act
    const reply = await post({ email: 'Kid.Ruiz@Acme.test' });

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ requestId: expect.stringMatching(/^rrq_[0-9A-Z]{26}$/) });
    expect(ddb.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems![0].Put!.Item).toMatchObject({
      requestId: reply.body.requestId,
      rightsType: 'erasure',
      status: 'verified',
      email: CHILD,
      verifiedAt: NOW,
      dueAt: '2026-07-15T12:00:00.000Z',
      reportedBy: adminClaims().sub,
      GSI2PK: 'RIGHTS#verified',
    });
    expect(sqs.commandCalls(SendMessageCommand).map((call) => [call.args[0].input.QueueUrl, JSON.parse(call.args[0].input.MessageBody!)])).toEqual([
      [RIGHTS_QUEUE_URL, { type: 'rights-request.verified', version: 1, requestId: reply.body.requestId }],
    ]);
    expect(reply.logs).not.toContain(CHILD);
  });

  it('answers 403 to a customer, storing and queueing nothing', async () => {
    // Act
    const reply = await post({ email: CHILD }, customerClaims(ACCOUNT_ID));

    // Assess
    expect(reply.status).toBe(403);
    expect(ddb).not.toHaveReceivedAnyCommand();
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it.each([
    ['no email', {}],
    ['not an email', { email: 'not-an-email' }],
    ['an unknown field', { email: CHILD, reason: 'drop table' }],
    ['a non-object', ['kid@acme.test']],
  ])('answers 400 to %s, echoing nothing and changing nothing', async (_case, body) => {
    // Act
    const reply = await post(body);

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(JSON.stringify(reply.body)).not.toMatch(/drop table|not-an-email|kid@acme/);
    expect(ddb).not.toHaveReceivedAnyCommand();
    expect(sqs).not.toHaveReceivedAnyCommand();
  });
});
