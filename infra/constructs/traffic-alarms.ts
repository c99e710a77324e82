import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { tableSchema } from '../resources';
import { SERVICE_NAME, metricsNamespace } from '../bindings';
import type { StageConfig } from '../config';
import type { EmailSending } from './email-sending';

export interface TrafficAlarmsProps {
  config: StageConfig;
  httpApi: HttpApi;
  /** The API's access log (JSON lines with `status`): the only place API Gateway's own 429s are counted. */
  accessLogGroup: ILogGroup;
  table: ITable;
  emailSending: EmailSending;
}

/**
 * The alarms on what the service does as a whole, beside each function's and queue's: clients
 * failing (4xx share, API Gateway's 429s), faxes stopping, SES reputation, DynamoDB throttling.
 */
export class TrafficAlarms extends Construct {
  readonly api4xxRate: Alarm;
  readonly api429: Alarm;
  readonly faxesStopped?: Alarm;
  readonly sesBounceRate: Alarm;
  readonly sesComplaintRate: Alarm;
  readonly dynamoThrottles: Alarm[];

  constructor(scope: Construct, id: string, props: TrafficAlarmsProps) {
    super(scope, id);
    const { config, httpApi } = props;
    const { alarms } = config;
    const period = alarms.period;
    const sustained = (name: string, description: string, metric: IMetric, threshold: number) =>
      new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: alarms.evaluationPeriods,
        datapointsToAlarm: alarms.datapointsToAlarm,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });

    this.api4xxRate = sustained(
      'Api4xxRate',
      `HTTP API: ${alarms.api4xxPercent} % or more of the responses are 4xx (a broken client release, a probe)`,
      new MathExpression({
        expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
        usingMetrics: { errors: httpApi.metricClientError({ period, statistic: 'Sum' }), requests: httpApi.metricCount({ period, statistic: 'Sum' }) },
        period,
        label: '4xx %',
      }),
      alarms.api4xxPercent,
    );

    const throttled = new MetricFilter(this, 'Api429Filter', {
      logGroup: props.accessLogGroup,
      filterPattern: FilterPattern.numberValue('$.status', '=', 429),
      metricNamespace: metricsNamespace(config.stage),
      metricName: 'ApiThrottled',
      metricValue: '1',
    });
    this.api429 = sustained(
      'Api429',
      "HTTP API: API Gateway's own 429s (a route's or the account's throttle reached; raise it or find the caller)",
      throttled.metric({ period, statistic: 'Sum' }),
      alarms.api429,
    );

    if (alarms.faxesStoppedAfter) {
      const window = alarms.faxesStoppedAfter;
      this.faxesStopped = new Alarm(this, 'FaxesStopped', {
        alarmDescription: `No fax accepted for ${window.toHumanString()}: ingest, the gateways or their secret are failing`,
        metric: new Metric({
          namespace: metricsNamespace(config.stage),
          metricName: 'FaxesAccepted',
          dimensionsMap: { service: SERVICE_NAME },
          statistic: 'Sum',
          period: window,
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        // No datapoint is no fax: the metric is only published when one is accepted.
        treatMissingData: TreatMissingData.BREACHING,
      });
    }

    // SES publishes the configuration set's reputation (reputationMetrics) as ratios, over a window of its own.
    const reputation = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { 'ses:configuration-set': props.emailSending.configurationSet.configurationSetName },
        statistic: 'Maximum',
        period: Duration.minutes(15),
      });
    const reputationAlarm = (name: string, metricName: string, threshold: number, what: string) =>
      new Alarm(this, name, {
        alarmDescription: `SES ${what} rate at ${threshold * 100} % or more: AWS reviews the account at ${what === 'bounce' ? 5 : 0.1} % and may pause sending`,
        metric: reputation(metricName),
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    this.sesBounceRate = reputationAlarm('SesBounceRate', 'Reputation.BounceRate', alarms.sesBounceRate, 'bounce');
    this.sesComplaintRate = reputationAlarm('SesComplaintRate', 'Reputation.ComplaintRate', alarms.sesComplaintRate, 'complaint');

    // On-demand tables still throttle (a hot partition, a doubling beyond the previous peak); an
    // index's write throttles also throttle the table's writes.
    const scopes: { id: string; dimensions: Record<string, string> }[] = [
      { id: 'Table', dimensions: { TableName: props.table.tableName } },
      ...tableSchema.globalIndexes.map(({ indexName }) => ({ id: indexName, dimensions: { TableName: props.table.tableName, GlobalSecondaryIndexName: indexName } })),
    ];
    this.dynamoThrottles = scopes.map(({ id: scopeId, dimensions }) =>
      sustained(
        `DynamoThrottles${scopeId}`,
        `DynamoDB: throttled reads or writes (${scopeId})`,
        new MathExpression({
          expression: 'FILL(reads, 0) + FILL(writes, 0)',
          usingMetrics: {
            reads: new Metric({ namespace: 'AWS/DynamoDB', metricName: 'ReadThrottleEvents', dimensionsMap: dimensions, statistic: 'Sum', period }),
            writes: new Metric({ namespace: 'AWS/DynamoDB', metricName: 'WriteThrottleEvents', dimensionsMap: dimensions, statistic: 'Sum', period }),
          },
          period,
          label: 'throttled requests',
        }),
        alarms.dynamoThrottles,
      ),
    );
  }
}
