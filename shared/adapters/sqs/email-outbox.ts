import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { REQUEST_ID_ATTRIBUTE } from '../../../events/message-attributes';
import { EnvNames, requiredEnv } from '../../config';
import type { EmailOutbox, EmailRequest } from '../../email/outbox';

// Minimal stand-in of the email pipeline's entrance until the email pipeline merges (its own
// version of this file, with the `email.requested` contract, replaces this one).
const sqsClient = new SQSClient({});

class SqsEmailOutbox implements EmailOutbox {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async request(email: EmailRequest, requestId: string): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({ type: 'email.requested', version: 1, ...email }),
        MessageAttributes: { [REQUEST_ID_ATTRIBUTE]: { DataType: 'String', StringValue: requestId } },
      }),
    );
  }
}

/** The emails queue the function is bound to. */
export const emailOutbox = () => new SqsEmailOutbox(sqsClient, requiredEnv(EnvNames.emailQueue));
