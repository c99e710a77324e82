import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { $ZodType } from 'zod/v4/core';
import { REQUEST_ID_ATTRIBUTE } from '../../events/message-attributes';
import { validate } from '../http/json-body';
import { telemetry, withMiddy } from '../invocation';
import { logger } from '../logger';
import { FunctionMetrics, type BusinessMetrics } from '../metrics';
import { RetryLater, retryDelaySeconds, type Postpone } from './retry-later';

// The request that sent the record, when one did; its lines then join that request's.
const requestIdOf = (record: SQSRecord): { requestId?: string } => {
  const requestId = record.messageAttributes?.[REQUEST_ID_ATTRIBUTE]?.stringValue;
  return requestId === undefined ? {} : { requestId };
};

/**
 * An SQS consumer, `middy(fn)` with the telemetry middleware: each record is parsed against its event contract and handled on its own; a
 * record that fails (bad contract, failing dependency) is reported in `batchItemFailures`, so
 * SQS retries it and, after the queue's maxReceiveCount, dead-letters it. Nothing is dropped.
 * Each record's log line carries its message id and the id of the HTTP request that sent it.
 */
export const sqsConsumer = <Message>(
  contract: $ZodType<Message>,
  // `requestId`: the request that sent the message, else the message's own id, for what the handler passes on.
  handle: (message: Message, metrics: BusinessMetrics, requestId: string) => Promise<string>,
  // Where a record whose handling threw RetryLater is hidden for its known or a growing delay, not retried at once.
  options: { postpone?: Postpone } = {},
) => {
  // A logger and metrics per function: their context, keys and counts are their own, even where
  // functions share a process.
  const log = logger.createChild();
  const metrics = new FunctionMetrics();
  const handleBatch = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const results = await Promise.allSettled(
      event.Records.map(async (record) => handle(validate(contract, JSON.parse(record.body) as unknown, 'message'), metrics, requestIdOf(record).requestId ?? record.messageId)),
    );
    const batchItemFailures = results.flatMap((result, index) => {
      const record = event.Records[index];
      const keys = { messageId: record.messageId, ...requestIdOf(record) };
      if (result.status === 'fulfilled') {
        log.info('message handled', { ...keys, outcome: result.value });
        return [];
      }
      log.error('message failed; it will be retried', { ...keys, error: result.reason as Error });
      return [{ itemIdentifier: record.messageId }];
    });
    if (options.postpone) await postponeRetries(event.Records, results, options.postpone);
    return { batchItemFailures };
  };
  // Still reported failed, so never deleted: only its next receive comes later. A postponement
  // that fails leaves the message to the queue's own visibility timeout.
  const postponeRetries = async (records: SQSRecord[], results: PromiseSettledResult<unknown>[], postpone: Postpone) => {
    await Promise.all(
      records.map(async (record, index) => {
        const result = results[index];
        if (result.status === 'fulfilled' || !(result.reason instanceof RetryLater)) return;
        const delaySeconds = result.reason.afterSeconds ?? retryDelaySeconds(Number(record.attributes.ApproximateReceiveCount));
        const keys = { messageId: record.messageId, slowedBy: result.reason.reason, delaySeconds };
        try {
          await postpone({ queueArn: record.eventSourceARN, receiptHandle: record.receiptHandle }, delaySeconds);
          log.warn('message postponed', keys);
        } catch (error) {
          log.error('message could not be postponed; it will be retried', { ...keys, error: error as Error });
        }
      }),
    );
  };
  return withMiddy(handleBatch).use(telemetry({ log, metrics }));
};
