import 'aws-sdk-client-mock-jest';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import deliverFax from '../../functions/deliver-fax/function';
import type { QueueTrigger } from '../../functions/declaration';
import { captureOutput } from '../../test/support/output';
import type { LocalFunction } from './functions';
import { pollQueue } from './queues';

const QUEUE_URL = 'http://localhost:9324/000000000000/faxAccepted';
const sqsMock = mockClient(SQSClient);
const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

const message = (n: number): Message => ({
  MessageId: `msg-${n}`,
  ReceiptHandle: `handle-${n}`,
  Body: JSON.stringify({ n }),
  MD5OfBody: 'md5',
  Attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1767225600000' },
});

/** The queue hands out `batch` once; later polls wait a little (a long poll) and find nothing. */
const givenQueueHolding = (batch: Message[]) => {
  let delivered = false;
  sqsMock.on(ReceiveMessageCommand).callsFake(async () => {
    if (!delivered) {
      delivered = true;
      return { Messages: batch };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    return {};
  });
  sqsMock.on(DeleteMessageBatchCommand).resolves({ Successful: [], Failed: [] });
};

/** A loaded consumer whose invocations answer `outcome`. */
const consumer = (outcome: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>) => {
  const invoke = jest.fn((event: unknown, _requestId: string) => outcome(event as SQSEvent));
  const fn: LocalFunction<QueueTrigger> = { declaration: deliverFax, invoke };
  return { fn, invoke };
};

const until = async (condition: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

/** Polls until the consumer has been invoked once, then stops; answers what was deleted. */
const pollOneBatch = async (fn: LocalFunction<QueueTrigger>, invoke: jest.Mock) => {
  const poller = pollQueue(sqs, QUEUE_URL, fn);
  await until(() => invoke.mock.calls.length > 0);
  await poller.stop();
  return sqsMock.commandCalls(DeleteMessageBatchCommand).flatMap((call) => call.args[0].input.Entries?.map((entry) => entry.ReceiptHandle) ?? []);
};

beforeEach(() => sqsMock.reset());

describe('pollQueue: the local SQS event source mapping', () => {
  it('long-polls the queue for batches of the consumer’s batch size', async () => {
    // Prepare
    givenQueueHolding([message(1)]);
    const { fn, invoke } = consumer(async () => ({ batchItemFailures: [] }));

    // Act
    await pollOneBatch(fn, invoke);

    // Assess
    expect(sqsMock).toHaveReceivedCommandWith(ReceiveMessageCommand, {
      QueueUrl: QUEUE_URL,
      MaxNumberOfMessages: deliverFax.trigger.batchSize,
      WaitTimeSeconds: expect.any(Number),
    });
  });

  it('invokes the consumer with an SQS event holding each received message', async () => {
    // Prepare
    givenQueueHolding([message(1), message(2)]);
    const { fn, invoke } = consumer(async () => ({ batchItemFailures: [] }));

    // Act
    await pollOneBatch(fn, invoke);

    // Assess
    expect(invoke).toHaveBeenCalledTimes(1);
    const event = invoke.mock.calls[0][0] as SQSEvent;
    expect(event.Records).toEqual([
      expect.objectContaining({ messageId: 'msg-1', receiptHandle: 'handle-1', body: '{"n":1}', eventSource: 'aws:sqs' }),
      expect.objectContaining({ messageId: 'msg-2', receiptHandle: 'handle-2', body: '{"n":2}', eventSource: 'aws:sqs' }),
    ]);
    expect(event.Records[0].eventSourceARN).toMatch(/:faxAccepted$/);
  });

  it("hands the consumer each message's attributes as Lambda does", async () => {
    // Prepare
    const traced: Message = { ...message(1), MessageAttributes: { requestId: { DataType: 'String', StringValue: 'req-0042' } } };
    givenQueueHolding([traced, message(2)]);
    const { fn, invoke } = consumer(async () => ({ batchItemFailures: [] }));

    // Act
    await pollOneBatch(fn, invoke);

    // Assess
    expect(sqsMock).toHaveReceivedCommandWith(ReceiveMessageCommand, { MessageAttributeNames: ['All'] });
    const event = invoke.mock.calls[0][0] as SQSEvent;
    expect(event.Records.map((record) => record.messageAttributes)).toEqual([
      { requestId: { dataType: 'String', stringValue: 'req-0042', stringListValues: [], binaryListValues: [] } },
      {},
    ]);
  });

  it('deletes only the messages the consumer did not report in batchItemFailures', async () => {
    // Prepare
    givenQueueHolding([message(1), message(2), message(3)]);
    const { fn, invoke } = consumer(async () => ({ batchItemFailures: [{ itemIdentifier: 'msg-2' }] }));

    // Act
    const deleted = await pollOneBatch(fn, invoke);

    // Assess
    expect(deleted).toEqual(['handle-1', 'handle-3']);
    expect(sqsMock).toHaveReceivedCommandWith(DeleteMessageBatchCommand, { QueueUrl: QUEUE_URL });
  });

  it('deletes every message of a batch the consumer answered without failures', async () => {
    // Prepare
    givenQueueHolding([message(1), message(2)]);
    const { fn, invoke } = consumer(async () => undefined);

    // Act
    const deleted = await pollOneBatch(fn, invoke);

    // Assess
    expect(deleted).toEqual(['handle-1', 'handle-2']);
  });

  it('deletes nothing when every message failed', async () => {
    // Prepare
    givenQueueHolding([message(1), message(2)]);
    const { fn, invoke } = consumer(async () => ({ batchItemFailures: [{ itemIdentifier: 'msg-1' }, { itemIdentifier: 'msg-2' }] }));

    // Act
    const deleted = await pollOneBatch(fn, invoke);

    // Assess
    expect(deleted).toEqual([]);
    expect(sqsMock).not.toHaveReceivedCommand(DeleteMessageBatchCommand);
  });

  it('deletes none of the batch when the consumer throws (the whole batch is retried, as in AWS)', async () => {
    // Prepare
    givenQueueHolding([message(1), message(2)]);
    const { fn, invoke } = consumer(async () => {
      throw new Error('the function crashed');
    });

    // Act
    const deleted = await pollOneBatch(fn, invoke);

    // Assess
    expect(deleted).toEqual([]);
    expect(sqsMock).not.toHaveReceivedCommand(DeleteMessageBatchCommand);
  });

  it('stops cleanly: stop() resolves once the current poll returns, and no poll follows', async () => {
    // Prepare
    givenQueueHolding([]);
    const { fn, invoke } = consumer(async () => ({ batchItemFailures: [] }));
    const output = captureOutput();
    const poller = pollQueue(sqs, QUEUE_URL, fn);
    await until(() => sqsMock.commandCalls(ReceiveMessageCommand).length >= 2);

    // Act
    try {
      await poller.stop();
    } finally {
      output.restore();
    }

    // Assess
    const pollsAtStop = sqsMock.commandCalls(ReceiveMessageCommand).length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sqsMock.commandCalls(ReceiveMessageCommand)).toHaveLength(pollsAtStop);
    expect(invoke).not.toHaveBeenCalled();
    expect(output.text()).toBe('');
  });
});
