import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { Postpone } from '../../jobs/retry-later';
import { sqsClient } from './queue-sender';

/** A queue's URL from its ARN (`arn:aws:sqs:<region>:<account>:<name>`), as Lambda's records only carry the ARN. */
const queueUrlOf = (queueArn: string): string => {
  const [, partition, , region, account, name] = queueArn.split(':');
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
};

/**
 * Postpones a received message by changing its visibility timeout. The event source mapping's
 * consume permission already includes sqs:ChangeMessageVisibility on the queue.
 */
export const messageVisibility = (): Postpone => async (message, delaySeconds) => {
  await sqsClient.send(
    new ChangeMessageVisibilityCommand({ QueueUrl: queueUrlOf(message.queueArn), ReceiptHandle: message.receiptHandle, VisibilityTimeout: delaySeconds }),
  );
};
