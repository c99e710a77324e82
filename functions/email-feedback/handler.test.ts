import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { TABLE_NAME } from '../../test/support/accounts';
import { conditionalCheckFailed, throttled } from '../../test/support/aws';
import { pinClock } from '../../test/support/clock';
import { bounceEvent, complaintEvent, suppressionKey, useEmailEnvironment } from '../../test/support/email';
import { invokeConsumer, sqsEvent, sqsRecord } from '../../test/support/jobs';
import { emittedMetrics } from '../../test/support/metrics';

// The handler binds its store and the pseudonymiser when imported: set them, then load it.
useEmailEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);

const NOW = '2026-11-28T10:06:00.000Z';
const ANA = 'ana.ruiz@acme.test';
const BOB = 'Bob@Acme.test';

const receive = (...events: object[]) => invokeConsumer(handler, sqsEvent(...events.map((event, index) => sqsRecord(`sqs-msg-${index + 1}`, event))));
const suppressedKeys = () => ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item?.PK);

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  ddb.on(PutCommand).resolves({});
});
afterEach(() => jest.restoreAllMocks());

describe('email-feedback: what suppresses an address', () => {
  it('suppresses every recipient of a permanent bounce, by keyed digest, once and for good', async () => {
    // Act
    const { failed } = await receive(bounceEvent('Permanent', [ANA, BOB]));

    // Assess
    expect(failed).toEqual([]);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: TABLE_NAME,
      Item: { ...suppressionKey(ANA), type: 'email_suppression', reason: 'bounce', suppressedAt: NOW },
      ConditionExpression: 'attribute_not_exists(PK) OR #reason = :erasure',
    });
    expect(suppressedKeys()).toEqual([suppressionKey(ANA).PK, suppressionKey(BOB.toLowerCase()).PK]);
  });

  it('suppresses the recipient of a complaint', async () => {
    // Act
    const { failed } = await receive(complaintEvent([ANA]));

    // Assess
    expect(failed).toEqual([]);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, { Item: { ...suppressionKey(ANA), type: 'email_suppression', reason: 'complaint', suppressedAt: NOW } });
  });

  it.each(['Transient', 'Undetermined'] as const)('suppresses nothing for a %s bounce (the mailbox may take mail again)', async (bounceType) => {
    // Act
    const { failed, logs } = await receive(bounceEvent(bounceType, [ANA]));

    // Assess
    expect(failed).toEqual([]);
    expect(ddb).not.toHaveReceivedAnyCommand();
    expect(logs).toContain('"outcome":"ignored"');
  });

  it('keeps the first suppression when the address is already suppressed (a redelivery changes nothing)', async () => {
    // Prepare
    ddb.on(PutCommand).rejects(conditionalCheckFailed());

    // Act
    const { failed } = await receive(bounceEvent('Permanent', [ANA]));

    // Assess
    expect(failed).toEqual([]);
  });

  it("replaces an erasure's suppression (which lets solicited emails through) with the bounce's, which blocks everything", async () => {
    // Act
    await receive(bounceEvent('Permanent', [ANA]));

    // Assess
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: { ...suppressionKey(ANA), type: 'email_suppression', reason: 'bounce', suppressedAt: NOW },
      ConditionExpression: 'attribute_not_exists(PK) OR #reason = :erasure',
      ExpressionAttributeValues: { ':erasure': 'erasure' },
    });
  });

  it('counts suppressions and logs no address', async () => {
    // Act
    const { logs } = await receive(bounceEvent('Permanent', [ANA]), complaintEvent([BOB]));

    // Assess
    expect(emittedMetrics(logs).map((emitted) => emitted.values)).toEqual([{ EmailAddressesSuppressed: 2 }]);
    for (const address of [ANA, BOB, BOB.toLowerCase()]) expect(logs).not.toContain(address);
  });
});

describe('email-feedback: failures are retried', () => {
  it('fails only the record whose suppression could not be written', async () => {
    // Prepare
    ddb.on(PutCommand, { Item: { ...suppressionKey(BOB.toLowerCase()) } }).rejects(throttled());

    // Act
    const { failed } = await receive(bounceEvent('Permanent', [ANA]), complaintEvent([BOB]));

    // Assess
    expect(failed).toEqual(['sqs-msg-2']);
  });

  it('fails (for the dead-letter queue) an event that is not SES feedback', async () => {
    // Act
    const { failed } = await receive({ source: 'aws.ses', detail: { eventType: 'Delivery', delivery: {} } });

    // Assess
    expect(failed).toEqual(['sqs-msg-1']);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
