// SQS batch events and scheduled-job
// invocations, with the function's logs captured.
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext } from './http';
import { captureOutput } from './output';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:fax-backend-unit-queue';

/** One SQS record; an object body is sent as JSON, a string as is; string message attributes as Lambda delivers them. */
export const sqsRecord = (messageId: string, body: unknown, attributes: Record<string, string> = {}): SQSRecord => ({
  messageId,
  receiptHandle: `receipt-${messageId}`,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '1767225600000',
    SenderId: 'AIDAUNIT',
    ApproximateFirstReceiveTimestamp: '1767225600000',
  },
  messageAttributes: Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [name, { dataType: 'String', stringValue: value, stringListValues: [], binaryListValues: [] }]),
  ),
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: QUEUE_ARN,
  awsRegion: 'us-east-1',
});

export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

type Invocable<Event, Result> = (event: Event, context: Context) => Promise<Result>;

const capturing = async <Result>(run: () => Promise<Result>): Promise<{ result: Result; logs: string }> => {
  const output = captureOutput();
  try {
    const result = await run();
    return { result, logs: output.text() };
  } finally {
    output.restore();
  }
};

/** Invokes an SQS consumer the way Lambda's event source mapping does; answers the failed message ids. */
export const invokeConsumer = async (handler: Invocable<SQSEvent, SQSBatchResponse>, event: SQSEvent) => {
  const { result, logs } = await capturing(() => handler(event, lambdaContext('unit-consumer')));
  return { failed: result.batchItemFailures.map((failure) => failure.itemIdentifier), response: result, logs };
};

/** Invokes a scheduled job with `remainingMs` of its timeout left; answers its summary. */
export const invokeJob = async <Summary>(handler: Invocable<unknown, Summary>, remainingMs = 300_000) => {
  const { result, logs } = await capturing(() => handler({ source: 'aws.scheduler' }, lambdaContext('unit-job', remainingMs)));
  return { summary: result, logs };
};
