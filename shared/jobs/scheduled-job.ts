import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { telemetry, withMiddy } from '../invocation';
import { logger } from '../logger';
import { FunctionMetrics, type BusinessMetrics } from '../metrics';

/** A job stops taking new batches when less than this much of its timeout is left. */
const SAFETY_MARGIN_MS = 30_000;

/**
 * A scheduled job, as middy middlewares: telemetry first, then its outcome's log. It answers a
 * summary (logged, and shown by `/_local/schedules/{name}/run`); a failure is logged (scrubbed, its
 * stack mapped to the sources), then thrown, so the schedule's retry policy and dead-letter queue
 * take over.
 */
export const scheduledJob = <Summary extends object>(job: (hasTimeLeft: () => boolean, metrics: BusinessMetrics) => Promise<Summary>) => {
  const functionTelemetry = { log: logger.createChild(), metrics: new FunctionMetrics() };
  const { log, metrics } = functionTelemetry;
  const outcomeLog: MiddlewareObj<unknown, Summary> = {
    after: ({ response }) => {
      log.info('job completed', { summary: response });
    },
    onError: ({ error }) => {
      log.error('job failed; the schedule retries it', { error: error as Error });
    },
  };
  return withMiddy((_event: unknown, context: Context) => job(() => context.getRemainingTimeInMillis() > SAFETY_MARGIN_MS, metrics))
    .use(telemetry(functionTelemetry))
    .use(outcomeLog);
};
