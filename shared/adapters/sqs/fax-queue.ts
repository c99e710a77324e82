import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FaxAcceptedV1 } from '../../../events/fax-accepted';
import { REQUEST_ID_ATTRIBUTE } from '../../../events/message-attributes';
import { EnvNames, requiredEnv } from '../../config';
import type { FaxQueue } from '../../faxes/ports';

const sqsClient = new SQSClient({});

/** The processing queue of accepted faxes. */
class SqsFaxQueue implements FaxQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(message: FaxAcceptedV1, requestId: string): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageAttributes: { [REQUEST_ID_ATTRIBUTE]: { DataType: 'String', StringValue: requestId } },
      }),
    );
  }
}

/** The processing queue the function is bound to. */
export const faxQueue = () => new SqsFaxQueue(sqsClient, requiredEnv(EnvNames.faxQueue));
