import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';

/**
 * The business events the backend counts, as CloudWatch metrics (Embedded Metric Format lines on
 * stdout, beside the logs). The namespace is the stage's (POWERTOOLS_METRICS_NAMESPACE); the only
 * dimension is the service, so no metric ever carries an account, a number or an address.
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

/** One function's metrics, like its logger: created once by its wrapper, published after each invocation. */
export class FunctionMetrics implements BusinessMetrics {
  private readonly metrics = new Metrics();

  count(metric: BusinessMetric, value = 1): void {
    this.metrics.addMetric(metric, MetricUnit.Count, value);
  }

  /**
   * Publishes what the invocation counted as one EMF line, whether it succeeded or failed. Not
   * Powertools' logMetrics: that one warns on every invocation that counted nothing, which is
   * most of them.
   */
  publisher<Event, Result>(): MiddlewareObj<Event, Result> {
    const publish = () => {
      if (this.metrics.hasStoredMetrics()) this.metrics.publishStoredMetrics();
    };
    return { after: publish, onError: publish };
  }
}
