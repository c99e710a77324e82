import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { $ZodType } from 'zod/v4/core';
import { validate } from '../http/json-body';
import { logger } from '../logger';

/**
 * An SQS consumer: each record is parsed against its event contract and handled on its own; a
 * record that fails (bad contract, failing dependency) is reported in `batchItemFailures`, so
 * SQS retries it and, after the queue's maxReceiveCount, dead-letters it. Nothing is dropped.
 */
export const sqsConsumer = <Message>(contract: $ZodType<Message>, handle: (message: Message) => Promise<string>) => {
  // A logger per function: its context and keys are its own, even where functions share a process.
  const log = logger.createChild();
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(injectLambdaContext(log, { resetKeys: true }))
    .handler(async (event) => {
      const results = await Promise.allSettled(
        event.Records.map(async (record) => handle(validate(contract, JSON.parse(record.body) as unknown, 'message'))),
      );
      const batchItemFailures = results.flatMap((result, index) => {
        const messageId = event.Records[index].messageId;
        if (result.status === 'fulfilled') {
          log.info('message handled', { messageId, outcome: result.value });
          return [];
        }
        log.error('message failed; it will be retried', { messageId, error: result.reason as Error });
        return [{ itemIdentifier: messageId }];
      });
      return { batchItemFailures };
    });
};
