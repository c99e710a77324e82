import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Logger } from './logger';
import type { FunctionMetrics } from './metrics';

// middy is the one middleware engine of every function wrapper (the HTTP edge, the queue consumer,
// the scheduled job): each is `middy(fn)` with the house middlewares, tracing and logging first
// (this module's `telemetry`), then validation, then the error handling last (DESIGN.md). Its
// core loads Node's web streams at import (for response streaming, which no function of ours
// uses): every function's floor in the bench bundles it too (README, "Cold-start budget").

/** A function's own logger and metrics, made once by its wrapper. */
export interface Telemetry {
  log: Logger;
  metrics: FunctionMetrics;
}

/** How long before the function's timeout its handler gives up, so that it still answers, logs and publishes. */
const TIMEOUT_MARGIN_MS = 5;

class InvocationTimedOut extends Error {
  constructor() {
    super('The invocation ran out of time.');
    this.name = 'TimeoutError';
  }
}

/**
 * `middy(fn)` as every function wraps its handler: shortly before Lambda would end the invocation,
 * the handler's work is abandoned with an InvocationTimedOut (it is not stopped: it may still
 * finish in the background), which the error middlewares handle like any failure.
 */
export const withMiddy = <Event, Result>(fn: (event: Event, context: Context) => Promise<Result>): MiddyfiedHandler<Event, Result> =>
  middy<Event, Result>(fn, {
    timeoutEarlyInMillis: TIMEOUT_MARGIN_MS,
    timeoutEarlyResponse: () => {
      throw new InvocationTimedOut();
    },
  });

/**
 * The first middleware of every function: the logger learns the invocation's Lambda context;
 * afterwards, whatever happened, what it counted is published and the keys appended to the logger
 * are dropped.
 */
export const telemetry = ({ log, metrics }: Telemetry): MiddlewareObj => {
  const finish = () => {
    metrics.publish();
    log.resetKeys();
  };
  return {
    before: ({ context }) => {
      log.addContext(context);
    },
    after: finish,
    onError: finish,
  };
};
