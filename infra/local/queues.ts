import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FunctionDeclaration, QueueTrigger } from '../../functions/declaration';
import { visibilityTimeoutSeconds } from '../queue-settings';
import { queues, type QueueName } from '../resources';
import type { LocalFunction } from './functions';

/** Creates each queue with its dead-letter queue and redrive policy, as the stateless stack does. */
export const createQueues = async (sqs: SQSClient, declarations: readonly FunctionDeclaration[]): Promise<Record<QueueName, string>> => {
  const urls = {} as Record<QueueName, string>;
  for (const [name, settings] of Object.entries(queues) as [QueueName, (typeof queues)[QueueName]][]) {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq`, Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }));
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: {
          VisibilityTimeout: String(visibilityTimeoutSeconds(name, declarations)),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: settings.maxReceiveCount }),
        },
      }),
    );
    urls[name] = queue.QueueUrl!;
  }
  return urls;
};

// Lambda's shape of a message attribute (camelCase, list fields always present).
const toRecordAttributes = (attributes: Message['MessageAttributes'] = {}): SQSRecord['messageAttributes'] =>
  Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        dataType: value.DataType ?? 'String',
        ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
        ...(value.BinaryValue === undefined ? {} : { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );

const toRecord = (message: Message, queueArn: string): SQSRecord => ({
  messageId: message.MessageId!,
  receiptHandle: message.ReceiptHandle!,
  body: message.Body ?? '',
  attributes: {
    ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: message.Attributes?.SenderId ?? 'local',
    ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  },
  messageAttributes: toRecordAttributes(message.MessageAttributes),
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: 'us-east-1',
});

/**
 * Lambda's SQS event source mapping, locally: long-polls the queue, invokes the consumer with a
 * batch, and deletes only the messages it did not report in `batchItemFailures`. A failed
 * message becomes visible again after the visibility timeout; the emulator dead-letters it after
 * maxReceiveCount receives. A consumer that throws fails its whole batch, as in AWS.
 */
export const pollQueue = (sqs: SQSClient, queueUrl: string, fn: LocalFunction<QueueTrigger>) => {
  let running = true;
  // Stopping aborts the long poll in flight, so Ctrl-C never waits on the emulator.
  const aborted = new AbortController();
  const queueArn = `arn:aws:sqs:us-east-1:000000000000:${fn.declaration.trigger.queue}`;
  const loop = async () => {
    while (running) {
      try {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: fn.declaration.trigger.batchSize,
            WaitTimeSeconds: 1,
            AttributeNames: ['All'],
            // Lambda hands the consumer every message attribute (the sending request's id among them).
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: aborted.signal },
        );
        if (Messages.length === 0) continue;
        const event: SQSEvent = { Records: Messages.map((message) => toRecord(message, queueArn)) };
        const failed = await fn.invoke(event, randomUUID()).then(
          (result) => new Set(((result as SQSBatchResponse | undefined)?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier)),
          () => new Set(Messages.map((message) => message.MessageId!)),
        );
        const done = Messages.filter((message) => !failed.has(message.MessageId!));
        if (done.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })) }),
          );
        }
      } catch (error) {
        if (!running) break;
        process.stderr.write(`local runtime: polling ${fn.declaration.trigger.queue} failed: ${(error as Error).name}\n`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  const stopped = loop();
  return {
    stop: async () => {
      running = false;
      aborted.abort();
      await stopped;
    },
  };
};
