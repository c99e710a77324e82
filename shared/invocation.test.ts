import { sqsEvent } from '../test/support/jobs';
import { lambdaContext } from '../test/support/http';
import { captureOutput } from '../test/support/output';
import * as z from 'zod/mini';
import { httpRoute, ok } from './http/route';
import { telemetry, withMiddy } from './invocation';
import { scheduledJob } from './jobs/scheduled-job';
import { sqsConsumer } from './jobs/sqs-consumer';
import { logger } from './logger';
import { FunctionMetrics } from './metrics';

// middy is the one middleware engine (DESIGN.md): every wrapper is a middy handler, and the house
// middlewares do around an invocation what the house stack always did.

describe('the function wrappers', () => {
  it.each([
    ['the HTTP edge', httpRoute({ trigger: { kind: 'http', method: 'GET', path: '/health', auth: 'public' } }, async () => ok({}))],
    ['the queue consumer', sqsConsumer(z.object({}), async () => 'handled')],
    ['the scheduled job', scheduledJob(async () => ({}))],
  ])('make %s a middy handler, which takes further middlewares', (_wrapper, handler) => {
    // Assess
    const { use, before, onError } = handler as unknown as Record<string, unknown>;
    expect([typeof use, typeof before, typeof onError]).toEqual(['function', 'function', 'function']);
  });
});

describe('withMiddy', () => {
  it('gives up on a handler 5 ms before the function would time out, with the house TimeoutError', async () => {
    // Prepare: a handler that never answers, 50 ms before the function's timeout
    const stuck = withMiddy(() => new Promise<never>(() => undefined));

    // Act
    const started = Date.now();
    const error = (await stuck(sqsEvent(), lambdaContext('unit-test', 50)).catch((thrown: unknown) => thrown)) as Error;

    // Assess
    expect(error).toMatchObject({ name: 'TimeoutError', message: 'The invocation ran out of time.' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('telemetry', () => {
  it('gives the logger the Lambda context, and drops the keys an invocation appended, even when it fails', async () => {
    // Prepare
    const log = logger.createChild();
    const handler = withMiddy(async (fail: boolean) => {
      log.appendKeys({ step: 'inside' });
      log.info('working');
      if (fail) throw new Error('dependency down');
    }).use(telemetry({ log, metrics: new FunctionMetrics() }));
    const output = captureOutput();

    // Act
    await handler(true, lambdaContext('unit-telemetry')).catch(() => undefined);
    log.info('between invocations');
    output.restore();

    // Assess
    const [inside, between] = output
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({ message: 'working', step: 'inside', function_name: 'unit-telemetry' });
    expect(between).not.toHaveProperty('step');
  });
});
