import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { logger } from '../logger';
import { FunctionMetrics, type BusinessMetrics } from '../metrics';

/** A job stops taking new batches when less than this much of its timeout is left. */
const SAFETY_MARGIN_MS = 30_000;

/**
 * A scheduled job. It answers a summary (logged, and shown by `/_local/schedules/{name}/run`);
 * a failure throws, so the schedule's retry policy and dead-letter queue take over.
 */
export const scheduledJob = <Summary extends object>(job: (hasTimeLeft: () => boolean, metrics: BusinessMetrics) => Promise<Summary>) => {
  const log = logger.createChild();
  const metrics = new FunctionMetrics();
  return middy<unknown, Summary, Error, Context>()
    .use(injectLambdaContext(log, { resetKeys: true }))
    .use(metrics.publisher())
    .handler(async (_event, context) => {
      const summary = await job(() => context.getRemainingTimeInMillis() > SAFETY_MARGIN_MS, metrics);
      log.info('job completed', { summary });
      return summary;
    });
};
