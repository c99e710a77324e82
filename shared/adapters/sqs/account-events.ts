import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AccountCreatedV1 } from '../../../events/account-created';
import { REQUEST_ID_ATTRIBUTE } from '../../../events/message-attributes';
import type { AccountEvents } from '../../accounts/ports';
import { EnvNames, requiredEnv } from '../../config';

const sqsClient = new SQSClient({});

/** The accounts queue. */
class SqsAccountEvents implements AccountEvents {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(event: AccountCreatedV1, requestId?: string): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(event),
        ...(requestId === undefined ? {} : { MessageAttributes: { [REQUEST_ID_ATTRIBUTE]: { DataType: 'String', StringValue: requestId } } }),
      }),
    );
  }
}

/** The accounts queue the function is bound to. */
export const accountEvents = () => new SqsAccountEvents(sqsClient, requiredEnv(EnvNames.accountsQueue));
