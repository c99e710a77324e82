import 'aws-sdk-client-mock-jest';
import { SendEmailCommand, SESv2Client, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { TABLE_NAME } from '../../test/support/accounts';
import { conditionalCheckFailed, throttled } from '../../test/support/aws';
import { pinClock } from '../../test/support/clock';
import {
  CONFIGURATION_SET,
  MESSAGE_ID,
  RECIPIENT,
  SENDER,
  TEMPORARY_PASSWORD,
  deliveryMarkerKey,
  invitation,
  sesThrottled,
  suppressionKey,
  useEmailEnvironment,
} from '../../test/support/email';
import { invokeConsumer, sqsEvent, sqsRecord } from '../../test/support/jobs';
import { emittedMetrics } from '../../test/support/metrics';
import type { SuppressionReason } from '../../shared/email/ports';

// The handler binds its stores, the pseudonymiser and SES when imported: set them, then load it.
useEmailEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESv2Client);
const sqs = mockClient(SQSClient);

const NOW = '2026-11-28T10:00:00.000Z';
const LEASE_AGO = '2026-11-28T09:59:30.000Z';
const CODE = '493027';

const sesError = (name: string) => new SESv2ServiceException({ name, $fault: 'client', message: `${name} from SES`, $metadata: { httpStatusCode: 400 } });
const send = (...messages: object[]) => invokeConsumer(handler, sqsEvent(...messages.map((message, index) => sqsRecord(`sqs-msg-${index + 1}`, message))));
const claims = () => ddb.commandCalls(UpdateCommand).filter((call) => call.args[0].input.ExpressionAttributeValues?.[':sending'] === 'sending');
const marks = () => ddb.commandCalls(UpdateCommand).filter((call) => call.args[0].input.ExpressionAttributeValues?.[':sent'] === 'sent');
const sentEmails = () => ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);
/** The marker of MESSAGE_ID refuses a claim, and reads back with `status` (claimed at `claimedAt`). */
const givenMarker = (status: 'sending' | 'sent', messageId = MESSAGE_ID, claimedAt = LEASE_AGO) => {
  ddb.on(UpdateCommand, { Key: deliveryMarkerKey(messageId), ExpressionAttributeValues: { ':sending': 'sending' } }).rejects(conditionalCheckFailed());
  ddb.on(GetCommand, { Key: deliveryMarkerKey(messageId) }).resolves({ Item: { ...deliveryMarkerKey(messageId), type: 'email_delivery', status, claimedAt } });
};
const givenSuppressed = (address: string, reason: SuppressionReason = 'bounce') =>
  ddb.on(GetCommand, { Key: suppressionKey(address) }).resolves({ Item: { ...suppressionKey(address), type: 'email_suppression', reason } });

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  ses.reset();
  sqs.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
});
afterEach(() => jest.restoreAllMocks());

describe('send-email: a new message', () => {
  it('claims the message id, sends the rendered email through SES, then marks it sent', async () => {
    // Act
    const { failed } = await send(invitation());

    // Assess
    expect(failed).toEqual([]);
    expect(sentEmails()).toEqual([
      {
        FromEmailAddress: SENDER,
        Destination: { ToAddresses: [RECIPIENT] },
        ConfigurationSetName: CONFIGURATION_SET,
        Content: {
          Simple: {
            Subject: { Data: 'Your fax service login', Charset: 'UTF-8' },
            Body: { Text: { Data: expect.stringContaining(TEMPORARY_PASSWORD), Charset: 'UTF-8' }, Html: { Data: expect.stringContaining(TEMPORARY_PASSWORD), Charset: 'UTF-8' } },
          },
        },
      },
    ]);
    const [claim] = claims();
    const [mark] = marks();
    expect(claim.calledBefore(ses.commandCalls(SendEmailCommand)[0])).toBe(true);
    expect(ses.commandCalls(SendEmailCommand)[0].calledBefore(mark)).toBe(true);
    expect(mark.args[0].input).toMatchObject({
      Key: deliveryMarkerKey(),
      ConditionExpression: 'claimId = :claimId',
      ExpressionAttributeValues: { ':claimId': claim.args[0].input.ExpressionAttributeValues?.[':claimId'], ':at': NOW },
    });
  });

  it('claims only a new id or a `sending` claim older than the 30-second lease, keeping the marker 35 days and nothing personal', async () => {
    // Act
    await send(invitation());

    // Assess
    const [claim] = claims();
    expect(claim.args[0].input).toEqual({
      TableName: TABLE_NAME,
      Key: deliveryMarkerKey(),
      UpdateExpression: 'SET #type = :type, #status = :sending, claimId = :claimId, claimedAt = :at, expiresAtEpoch = :ttl',
      ConditionExpression: 'attribute_not_exists(PK) OR (#status = :sending AND claimedAt < :staleBefore)',
      ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
      ExpressionAttributeValues: {
        ':type': 'email_delivery',
        ':sending': 'sending',
        ':claimId': expect.stringMatching(/^[0-9a-f-]{36}$/),
        ':at': NOW,
        ':ttl': Date.parse(NOW) / 1000 + 35 * 24 * 3600,
        ':staleBefore': LEASE_AGO,
      },
    });
    const written = JSON.stringify(ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input));
    for (const personal of [RECIPIENT, RECIPIENT.toLowerCase(), TEMPORARY_PASSWORD]) expect(written).not.toContain(personal);
  });

  it('sends an email change code that says it expires in 15 minutes', async () => {
    // Act
    await send(invitation({ template: 'email-change-code', params: { code: CODE } } as never));

    // Assess
    const [email] = sentEmails();
    expect(email.Content?.Simple?.Subject?.Data).toBe('Your email verification code');
    expect(email.Content?.Simple?.Body?.Text?.Data).toMatch(new RegExp(`${CODE}[\\s\\S]*expires in 15 minutes`));
  });

  it('counts the email sent', async () => {
    // Act
    const { logs } = await send(invitation());

    // Assess
    expect(emittedMetrics(logs).map((emitted) => emitted.values)).toEqual([{ EmailsSent: 1 }]);
  });

  it('logs neither the address, nor the temporary password, nor the code', async () => {
    // Act
    const { logs } = await send(invitation(), invitation({ messageId: 'code-1', template: 'email-change-code', params: { code: CODE } } as never));

    // Assess
    expect(logs).toContain('message handled');
    for (const secret of [RECIPIENT, RECIPIENT.toLowerCase(), TEMPORARY_PASSWORD, CODE]) expect(logs).not.toContain(secret);
  });
});

describe('send-email: exactly once per message id', () => {
  it('sends nothing for a redelivery of a message already sent', async () => {
    // Prepare
    givenMarker('sent');

    // Act
    const { failed, logs } = await send(invitation());

    // Assess
    expect(failed).toEqual([]);
    expect(ses).not.toHaveReceivedAnyCommand();
    expect(marks()).toEqual([]);
    expect(logs).toContain('"outcome":"duplicate"');
  });

  it('retries, sending nothing, a duplicate whose id another delivery claimed within the lease, once that lease has passed', async () => {
    // Prepare: claimed 10 s ago, so 20 s of the 30 s lease are left.
    givenMarker('sending', MESSAGE_ID, '2026-11-28T09:59:50.000Z');

    // Act
    const { failed, logs } = await send(invitation());

    // Assess: hidden until a second after the lease ends, not for the queue's whole visibility timeout.
    expect(failed).toEqual(['sqs-msg-1']);
    expect(ses).not.toHaveReceivedAnyCommand();
    expect(logs).toContain('EmailSendInFlight');
    expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityCommand, { ReceiptHandle: 'receipt-sqs-msg-1', VisibilityTimeout: 21 });
  });

  it('sends twins of one message id in one batch once, neither failing (the second waits for the first)', async () => {
    // Prepare: the marker's real behaviour: the first claim succeeds, later ones find it sent.
    let marked = false;
    ddb.on(UpdateCommand, { Key: deliveryMarkerKey(), ExpressionAttributeValues: { ':sending': 'sending' } }).callsFake(async () => {
      if (marked) throw conditionalCheckFailed();
      return {};
    });
    ddb.on(UpdateCommand, { Key: deliveryMarkerKey(), ExpressionAttributeValues: { ':sent': 'sent' } }).callsFake(async () => {
      marked = true;
      return {};
    });
    ddb.on(GetCommand, { Key: deliveryMarkerKey() }).callsFake(async () => ({ Item: { ...deliveryMarkerKey(), status: marked ? 'sent' : 'sending', claimedAt: NOW } }));

    // Act
    const { failed, logs } = await send(invitation(), invitation());

    // Assess
    expect(failed).toEqual([]);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(logs).toContain('"outcome":"sent"');
    expect(logs).toContain('"outcome":"duplicate"');
  });

  it('reads the marker consistently when its claim is refused', async () => {
    // Prepare
    givenMarker('sent');

    // Act
    await send(invitation());

    // Assess
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: deliveryMarkerKey(), ConsistentRead: true });
  });

  it('still succeeds when the claim was taken over before the mark (the other claimant marks it)', async () => {
    // Prepare
    ddb.on(UpdateCommand, { ExpressionAttributeValues: { ':sent': 'sent' } }).rejects(conditionalCheckFailed());

    // Act
    const { failed, logs } = await send(invitation());

    // Assess
    expect(failed).toEqual([]);
    expect(logs).toContain('"outcome":"sent"');
  });

  it('acknowledges a sent email whose mark failed, rather than send it again on a retry', async () => {
    // Prepare
    ddb.on(UpdateCommand, { ExpressionAttributeValues: { ':sent': 'sent' } }).rejects(throttled());

    // Act
    const { failed, logs } = await send(invitation());

    // Assess
    expect(failed).toEqual([]);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(logs).toContain('"outcome":"sent_unmarked"');
  });
});

describe('send-email: suppressed addresses', () => {
  it('sends nothing to a suppressed address, whatever its case, and claims nothing', async () => {
    // Prepare
    givenSuppressed(RECIPIENT.toLowerCase());

    // Act
    const { failed, logs } = await send(invitation({ to: RECIPIENT.toUpperCase() } as never));

    // Assess
    expect(failed).toEqual([]);
    expect(ses).not.toHaveReceivedAnyCommand();
    expect(claims()).toEqual([]);
    expect(logs).toContain('"outcome":"suppressed"');
    expect(emittedMetrics(logs).map((emitted) => emitted.values)).toEqual([{ EmailsSuppressed: 1 }]);
  });

  it("sends an erased person what they ask for themselves (a new sign-up's invitation, codes, their requests' outcomes)", async () => {
    // Prepare
    givenSuppressed(RECIPIENT.toLowerCase(), 'erasure');

    // Act
    const { failed, logs } = await send(invitation(), invitation({ messageId: 'rights-request-code#rrq_1', template: 'rights-request-code', params: { code: CODE } } as never));

    // Assess
    expect(failed).toEqual([]);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
    expect(logs).not.toContain('"outcome":"suppressed"');
  });

  it.each(['bounce', 'complaint'] as const)('sends nothing at all, not even a code, to an address suppressed for a %s', async (reason) => {
    // Prepare
    givenSuppressed(RECIPIENT.toLowerCase(), reason);

    // Act
    const { logs } = await send(invitation({ messageId: 'rights-request-code#rrq_1', template: 'rights-request-code', params: { code: CODE } } as never));

    // Assess
    expect(ses).not.toHaveReceivedAnyCommand();
    expect(logs).toContain('"outcome":"suppressed"');
  });

  it('looks the address up by its keyed digest, consistently', async () => {
    // Act
    await send(invitation());

    // Assess
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { TableName: TABLE_NAME, Key: suppressionKey(RECIPIENT), ConsistentRead: true });
  });
});

describe('send-email: failures are retried, never dropped', () => {
  // The postponements' jitter at its least: each delay at its base (the jitter has its own tests below).
  beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0));

  it('fails the record when SES throttles, leaving the claim to go stale for the retry', async () => {
    // Prepare
    ses.on(SendEmailCommand).rejects(sesThrottled());

    // Act
    const { failed, logs } = await send(invitation());

    // Assess
    expect(failed).toEqual(['sqs-msg-1']);
    expect(marks()).toEqual([]);
    expect(logs).toContain('TooManyRequestsException');
  });

  it.each(['TooManyRequestsException', 'LimitExceededException', 'SendingPausedException', 'Throttling'])(
    'postpones the record SES answers %s, hiding it a minute (past the claim lease) rather than failing it again at once',
    async (name) => {
      // Prepare
      ses.on(SendEmailCommand).rejects(sesError(name));

      // Act
      const { failed, logs } = await send(invitation());

      // Assess
      expect(failed).toEqual(['sqs-msg-1']);
      expect(sqs).toHaveReceivedCommandTimes(ChangeMessageVisibilityCommand, 1);
      expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityCommand, {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/fax-backend-unit-queue',
        ReceiptHandle: 'receipt-sqs-msg-1',
        VisibilityTimeout: 60,
      });
      expect(logs).toContain('message postponed');
      expect(logs).toContain(`"slowedBy":"${name}"`);
    },
  );

  it.each([
    [0.5, 1, 67],
    [0.999, 1, 74],
    [0.5, 2, 270],
  ])('spreads the records one throttle postponed: at random %d, receive %i waits %i s (up to a quarter longer, never shorter)', async (random, receiveCount, delaySeconds) => {
    // Prepare
    jest.spyOn(Math, 'random').mockReturnValue(random);
    ses.on(SendEmailCommand).rejects(sesThrottled());
    const record = sqsRecord('sqs-msg-1', invitation());
    record.attributes.ApproximateReceiveCount = String(receiveCount);

    // Act
    await invokeConsumer(handler, sqsEvent(record));

    // Assess
    expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityCommand, { VisibilityTimeout: delaySeconds });
  });

  it.each([
    [2, 240],
    [3, 960],
    [5, 15_360],
    [9, 43_200],
  ])('postpones longer at each receive: receive %i waits %i s (at most SQS`s 12 hours)', async (receiveCount, delaySeconds) => {
    // Prepare
    ses.on(SendEmailCommand).rejects(sesThrottled());
    const record = sqsRecord('sqs-msg-1', invitation());
    record.attributes.ApproximateReceiveCount = String(receiveCount);

    // Act
    await invokeConsumer(handler, sqsEvent(record));

    // Assess
    expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityCommand, { VisibilityTimeout: delaySeconds });
  });

  it('postpones only the throttled record of a batch; other failures are retried as usual', async () => {
    // Prepare
    ses.on(SendEmailCommand, { Destination: { ToAddresses: ['bob@acme.test'] } }).rejects(sesThrottled());
    ses.on(SendEmailCommand, { Destination: { ToAddresses: ['cy@acme.test'] } }).rejects(sesError('MessageRejected'));

    // Act
    const { failed } = await send(invitation({ messageId: 'm-1' }), invitation({ messageId: 'm-2', to: 'bob@acme.test' } as never), invitation({ messageId: 'm-3', to: 'cy@acme.test' } as never));

    // Assess
    expect(failed).toEqual(['sqs-msg-2', 'sqs-msg-3']);
    expect(sqs).toHaveReceivedCommandTimes(ChangeMessageVisibilityCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityCommand, { ReceiptHandle: 'receipt-sqs-msg-2' });
  });

  it('still fails (for a plain retry) a throttled record whose postponement SQS refuses, and the rest of the batch stands', async () => {
    // Prepare
    ses.on(SendEmailCommand, { Destination: { ToAddresses: ['bob@acme.test'] } }).rejects(sesThrottled());
    sqs.on(ChangeMessageVisibilityCommand).rejects(new Error('ReceiptHandleIsInvalid'));

    // Act
    const { failed, logs } = await send(invitation({ messageId: 'm-1' }), invitation({ messageId: 'm-2', to: 'bob@acme.test' } as never));

    // Assess
    expect(failed).toEqual(['sqs-msg-2']);
    expect(logs).toContain('message could not be postponed');
    expect(logs).not.toContain('bob@acme.test');
  });

  it('fails the record when the claim is throttled, sending nothing', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(throttled());

    // Act
    const { failed } = await send(invitation());

    // Assess
    expect(failed).toEqual(['sqs-msg-1']);
    expect(ses).not.toHaveReceivedAnyCommand();
  });

  it('fails the record when the suppression list cannot be read, sending nothing', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: suppressionKey(RECIPIENT) }).rejects(throttled());

    // Act
    const { failed } = await send(invitation());

    // Assess
    expect(failed).toEqual(['sqs-msg-1']);
    expect(ses).not.toHaveReceivedAnyCommand();
  });

  it('reports only the failed records of a batch', async () => {
    // Prepare
    ses.on(SendEmailCommand, { Destination: { ToAddresses: ['bob@acme.test'] } }).rejects(sesThrottled());

    // Act
    const { failed } = await send(
      invitation({ messageId: 'm-1' }),
      invitation({ messageId: 'm-2', to: 'bob@acme.test' } as never),
      invitation({ messageId: 'm-3', to: 'cy@acme.test' } as never),
    );

    // Assess
    expect(failed).toEqual(['sqs-msg-2']);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 3);
  });

  it.each([
    ['an unknown template', { template: 'newsletter' }],
    ['params of another template', { params: { code: CODE } }],
    ['an extra field', { cc: 'eve@acme.test' }],
    ['an address that is not one', { to: 'not-an-address' }],
    ['another version', { version: 2 }],
  ])('fails (for the dead-letter queue) a message with %s, sending nothing', async (_case, overrides) => {
    // Act
    const { failed } = await send({ ...invitation(), ...overrides });

    // Assess
    expect(failed).toEqual(['sqs-msg-1']);
    expect(ses).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
