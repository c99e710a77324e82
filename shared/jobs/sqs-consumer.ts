import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { $ZodType } from 'zod/v4/core';
import { REQUEST_ID_ATTRIBUTE } from '../../events/message-attributes';
import { validate } from '../http/json-body';
import { telemetry, withMiddy } from '../invocation';
import { logger } from '../logger';
import { FunctionMetrics, type BusinessMetrics } from '../metrics';

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
    return { batchItemFailures };
  };
  return withMiddy(handleBatch).use(telemetry({ log, metrics }));
};
