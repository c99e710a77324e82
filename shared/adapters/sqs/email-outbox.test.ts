import 'aws-sdk-client-mock-jest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { emailRequestedV1 } from '../../../events/email-requested';
import { REQUEST_ID_ATTRIBUTE } from '../../../events/message-attributes';
import { EMAIL_QUEUE_URL, MESSAGE_ID, RECIPIENT, useEmailEnvironment } from '../../../test/support/email';
import { emailOutbox } from './email-outbox';

// The outbox reads its queue's URL when made.
useEmailEnvironment();

const sqs = mockClient(SQSClient);

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
});

describe('the SQS email outbox', () => {
  it('puts an email.requested v1 event on the emails queue, with the request id for the consumer to log', async () => {
    // Act
    await emailOutbox().request({ messageId: MESSAGE_ID, to: RECIPIENT, template: 'email-change-code', params: { code: '493027' } }, 'req-0042');

    // Assess
    const [call] = sqs.commandCalls(SendMessageCommand);
    expect(call.args[0].input).toMatchObject({
      QueueUrl: EMAIL_QUEUE_URL,
      MessageAttributes: { [REQUEST_ID_ATTRIBUTE]: { DataType: 'String', StringValue: 'req-0042' } },
    });
    const body = JSON.parse(call.args[0].input.MessageBody!);
    expect(body).toEqual({ type: 'email.requested', version: 1, messageId: MESSAGE_ID, to: RECIPIENT, template: 'email-change-code', params: { code: '493027' } });
    expect(emailRequestedV1.safeParse(body).success).toBe(true);
  });

  it('fails loudly when SQS refuses the message', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }));

    // Act
    const requesting = emailOutbox().request({ messageId: MESSAGE_ID, to: RECIPIENT, template: 'email-change-code', params: { code: '1' } }, 'req-1');

    // Assess
    await expect(requesting).rejects.toThrow('Service unavailable');
  });
});
