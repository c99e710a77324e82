import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { REQUEST_ID_ATTRIBUTE } from '../../../events/message-attributes';

/**
 * One SQS client per container, created at import so warm invocations reuse its connections. The
 * endpoint comes from the SDK's own settings (AWS_ENDPOINT_URL_SQS locally).
 */
export const sqsClient = new SQSClient({});

/**
 * Sends one event contract's message to a queue, with the id of the request it came from (for the
 * consumer's logs), when one did (a re-drive's message has none).
 */
export const sendToQueue = async (client: SQSClient, queueUrl: string, message: object, requestId?: string): Promise<void> => {
  await client.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(message),
      ...(requestId === undefined ? {} : { MessageAttributes: { [REQUEST_ID_ATTRIBUTE]: { DataType: 'String', StringValue: requestId } } }),
    }),
  );
};
