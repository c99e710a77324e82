// The EMF lines shared/metrics.ts printed among a function's captured output.

/** The namespace unit tests run under (a deployed function gets its stage's). */
export const METRICS_NAMESPACE = 'FaxBackend/unit';

export const useMetricsNamespace = (): void => {
  process.env.POWERTOOLS_METRICS_NAMESPACE = METRICS_NAMESPACE;
};

export interface EmittedMetrics {
  namespace: string;
  dimensions: Record<string, unknown>;
  values: Record<string, number>;
}

/** Every EMF line in `output`: its namespace, its dimension values and its metric values (summed). */
export const emittedMetrics = (output: string): EmittedMetrics[] =>
  output
    .split('\n')
    .filter((line) => line.includes('"_aws"'))
    .map((line) => {
      const emf = JSON.parse(line) as Record<string, unknown> & {
        _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
      };
      const [directive] = emf._aws.CloudWatchMetrics;
      return {
        namespace: directive!.Namespace,
        dimensions: Object.fromEntries(directive!.Dimensions.flat().map((name) => [name, emf[name]])),
        // A metric counted several times in one invocation is an array of values; CloudWatch sums them.
        values: Object.fromEntries(directive!.Metrics.map(({ Name }) => [Name, [emf[Name] as number | number[]].flat().reduce((sum, value) => sum + value, 0)])),
      };
    });
