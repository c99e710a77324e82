import type { Context } from 'aws-lambda';
import { beforeTimeout, invocation } from '../invocation';
import { logger } from '../logger';
import { FunctionMetrics, type BusinessMetrics } from '../metrics';

/** A job stops taking new batches when less than this much of its timeout is left. */
const SAFETY_MARGIN_MS = 30_000;

/**
 * A scheduled job. It answers a summary (logged, and shown by `/_local/schedules/{name}/run`);
 * a failure is logged (scrubbed, its stack mapped to the sources), then thrown, so the schedule's
 * retry policy and dead-letter queue take over.
 */
export const scheduledJob = <Summary extends object>(job: (hasTimeLeft: () => boolean, metrics: BusinessMetrics) => Promise<Summary>) => {
  const telemetry = { log: logger.createChild(), metrics: new FunctionMetrics() };
  return (_event: unknown, context: Context): Promise<Summary> =>
    invocation(telemetry, context, async () => {
      try {
        return await beforeTimeout(context, async () => {
          const summary = await job(() => context.getRemainingTimeInMillis() > SAFETY_MARGIN_MS, telemetry.metrics);
          telemetry.log.info('job completed', { summary });
          return summary;
        });
      } catch (error) {
        telemetry.log.error('job failed; the schedule retries it', { error: error as Error });
        throw error;
      }
    });
};
