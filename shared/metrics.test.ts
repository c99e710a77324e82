import { lambdaContext } from '../test/support/http';
import { METRICS_NAMESPACE, emittedMetrics, useMetricsNamespace } from '../test/support/metrics';
import { captureOutput } from '../test/support/output';
import { telemetry, withMiddy } from './invocation';
import { logger } from './logger';
import { FunctionMetrics, type BusinessMetric } from './metrics';

useMetricsNamespace();

/** A function counting `counts` per invocation (then failing, if asked), with its output captured. */
const functionCounting = (fail = false) => {
  const functionTelemetry = { log: logger.createChild(), metrics: new FunctionMetrics() };
  const handler = (counts: BusinessMetric[]) =>
    withMiddy(async () => {
      for (const metric of counts) functionTelemetry.metrics.count(metric);
      if (fail) throw new Error('dependency down');
    }).use(telemetry(functionTelemetry))(undefined, lambdaContext());
  return async (counts: BusinessMetric[]) => {
    const output = captureOutput();
    try {
      await handler(counts).catch(() => undefined);
      return output.text();
    } finally {
      output.restore();
    }
  };
};

describe('FunctionMetrics', () => {
  it('publishes what an invocation counted as one EMF line in the stage namespace, with the service as only dimension', async () => {
    // Prepare
    const invoke = functionCounting();

    // Act
    const output = await invoke(['FaxesDelivered', 'FaxesDelivered', 'FaxesRefused']);

    // Assess
    expect(emittedMetrics(output)).toEqual([
      { namespace: METRICS_NAMESPACE, dimensions: { service: expect.any(String) }, values: { FaxesDelivered: 2, FaxesRefused: 1 } },
    ]);
  });

  it('publishes what a failing invocation counted before it failed', async () => {
    // Prepare
    const invoke = functionCounting(true);

    // Act
    const output = await invoke(['SignUps']);

    // Assess
    expect(emittedMetrics(output)).toEqual([expect.objectContaining({ values: { SignUps: 1 } })]);
  });

  it('prints nothing at all for an invocation that counted nothing', async () => {
    // Prepare
    const invoke = functionCounting();

    // Act
    const output = await invoke([]);

    // Assess
    expect(output).toBe('');
  });

  it('starts each invocation from nought', async () => {
    // Prepare
    const invoke = functionCounting();
    await invoke(['SignUps', 'SignUps']);

    // Act
    const output = await invoke(['SignUps']);

    // Assess
    expect(emittedMetrics(output)).toEqual([expect.objectContaining({ values: { SignUps: 1 } })]);
  });
});
