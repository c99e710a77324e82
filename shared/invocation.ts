import type { Context } from 'aws-lambda';
import type { Logger } from './logger';
import type { FunctionMetrics } from './metrics';

// What every function wrapper (the HTTP edge, the queue consumer, the scheduled job) does around
// an invocation, in plain code rather than a middleware engine: middy's core alone loads Node's
// web streams (for response streaming, which no function of ours uses), a cost every cold start
// paid (README, "Cold-start budget").

/** A function's own logger and metrics, made once by its wrapper. */
export interface Telemetry {
  log: Logger;
  metrics: FunctionMetrics;
}

/**
 * One invocation: the logger learns its Lambda context; afterwards, whatever happened, what it
 * counted is published and the keys it appended to the logger are dropped.
 */
export const invocation = async <Result>({ log, metrics }: Telemetry, context: Context, run: () => Promise<Result>): Promise<Result> => {
  log.addContext(context);
  try {
    return await run();
  } finally {
    metrics.publish();
    log.resetKeys();
  }
};

/** How long before the function's timeout its work gives up, so that it still answers, logs and publishes. */
const TIMEOUT_MARGIN_MS = 5;

class InvocationTimedOut extends Error {
  constructor() {
    super('The invocation ran out of time.');
    this.name = 'TimeoutError';
  }
}

/**
 * The work's result, or an InvocationTimedOut shortly before Lambda would end the invocation
 * (the work itself is not stopped: it may still finish in the background).
 */
export const beforeTimeout = async <Result>(context: Context, work: () => Promise<Result>): Promise<Result> => {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvocationTimedOut()), context.getRemainingTimeInMillis() - TIMEOUT_MARGIN_MS);
  });
  try {
    return await Promise.race([work(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
};
