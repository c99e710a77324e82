import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { AlarmStatusWidget, Dashboard, GraphWidget, Metric, type Alarm, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUSINESS_METRICS } from '../../shared/metrics';
import { SERVICE_NAME, metricsNamespace } from '../bindings';
import type { StageConfig } from '../config';
import type { HouseFunction } from './house-function';

export interface ServiceDashboardProps {
  config: StageConfig;
  httpApi: HttpApi;
  functions: readonly HouseFunction[];
  /** Work queues by name, and the queues where failures end up. */
  workQueues: Record<string, IQueue>;
  failureQueues: Record<string, IQueue>;
  alarms: readonly Alarm[];
}

const PERIOD = Duration.minutes(5);
const WIDE = 12;

/** One CloudWatch dashboard per stage: alarms, the API, the functions, the queues and the business. */
export class ServiceDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const { config, httpApi, functions } = props;
    const graph = (title: string, left: Metric[], right: Metric[] = []): IWidget => new GraphWidget({ title, left, right, width: WIDE });
    const perFunction = (metric: (fn: HouseFunction) => Metric) =>
      functions.map((fn) => metric(fn).with({ label: fn.declaration.name, period: PERIOD, statistic: 'Sum' }));
    const perQueue = (queues: Record<string, IQueue>, metric: (queue: IQueue) => Metric) =>
      Object.entries(queues).map(([name, queue]) => metric(queue).with({ label: name, period: PERIOD, statistic: 'Maximum' }));
    // The metrics shared/metrics.ts publishes: the stage's namespace, the service as only dimension.
    const business = BUSINESS_METRICS.map(
      (metricName) => new Metric({ namespace: metricsNamespace(config.stage), metricName, dimensionsMap: { service: SERVICE_NAME }, statistic: 'Sum', period: PERIOD }),
    );

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `fax-service-${config.stage}`,
      defaultInterval: Duration.hours(6),
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 2 * WIDE })],
        [
          graph(
            'API requests and errors',
            [httpApi.metricCount({ label: 'requests', period: PERIOD, statistic: 'Sum' })],
            [
              httpApi.metricClientError({ label: '4xx', period: PERIOD, statistic: 'Sum' }),
              httpApi.metricServerError({ label: '5xx', period: PERIOD, statistic: 'Sum' }),
            ],
          ),
          graph(
            'API latency (ms)',
            ['p50', 'p99'].map((statistic) => httpApi.metricLatency({ label: statistic, period: PERIOD, statistic })),
          ),
        ],
        [graph('Function errors', perFunction((fn) => fn.fn.metricErrors())), graph('Function throttles', perFunction((fn) => fn.fn.metricThrottles()))],
        [
          graph('Queue depth (messages visible)', perQueue({ ...props.workQueues, ...props.failureQueues }, (queue) => queue.metricApproximateNumberOfMessagesVisible())),
          graph('Age of the oldest message (s)', perQueue(props.workQueues, (queue) => queue.metricApproximateAgeOfOldestMessage())),
        ],
        [graph('Sign-ups and faxes', business)],
      ],
    });
  }
}
