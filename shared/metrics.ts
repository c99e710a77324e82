/**
 * The business events the backend counts, as CloudWatch metrics: Embedded Metric Format lines on
 * stdout, beside the logs (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * The namespace is the stage's (POWERTOOLS_METRICS_NAMESPACE); the only dimension is the service,
 * so no metric ever carries an account, a number or an address.
 */
export const BUSINESS_METRICS = [
  'SignUps',
  'FaxesAccepted',
  'FaxDuplicates',
  'FaxesDelivered',
  'FaxesRefused',
  'FaxesExpired',
  'EmailsSent',
  'EmailsSuppressed',
  'EmailAddressesSuppressed',
] as const;
export type BusinessMetric = (typeof BUSINESS_METRICS)[number];

/** What a handler counts its business events with; the function's wrapper publishes them. */
export interface BusinessMetrics {
  count(metric: BusinessMetric, value?: number): void;
}

/** EMF takes at most this many values of one metric in a line. */
const MAX_VALUES_PER_METRIC = 100;

/**
 * One function's metrics, like its logger: created once by its wrapper, published after each
 * invocation. The lines are those Powertools Metrics printed (same namespace, dimension, names and
 * values), written by a few lines of our own: Powertools Metrics and its logger cost a cold start
 * several milliseconds (README, "Cold-start budget").
 */
export class FunctionMetrics implements BusinessMetrics {
  private readonly namespace = process.env.POWERTOOLS_METRICS_NAMESPACE || 'default_namespace';
  private readonly service = process.env.POWERTOOLS_SERVICE_NAME || 'service_undefined';
  /** Each metric's values in this invocation, in the order first counted. */
  private readonly values = new Map<BusinessMetric, number[]>();

  count(metric: BusinessMetric, value = 1): void {
    const values = this.values.get(metric) ?? [];
    values.push(value);
    this.values.set(metric, values);
    if (values.length === MAX_VALUES_PER_METRIC) this.publish();
  }

  /**
   * Prints what was counted since the last publication as one EMF line, and starts again from
   * nought; prints nothing when nothing was counted (most invocations count nothing).
   */
  publish(): void {
    if (this.values.size === 0) return;
    const names = [...this.values.keys()];
    const line = {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [{ Namespace: this.namespace, Dimensions: [['service']], Metrics: names.map((name) => ({ Name: name, Unit: 'Count' })) }],
      },
      service: this.service,
      // A metric counted several times is the list of its values; CloudWatch sums them.
      ...Object.fromEntries([...this.values].map(([name, values]) => [name, values.length === 1 ? values[0] : values])),
    };
    this.values.clear();
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
