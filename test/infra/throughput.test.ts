import type { CfnResource } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import deliverFax from '../../functions/deliver-fax/function';
import ingestFax from '../../functions/ingest-fax/function';
import { catalog } from '../../functions/catalog';
import { UNRESERVED_CONCURRENCY_MINIMUM, reservedConcurrencyOf } from '../../infra/concurrency';
import { stages } from '../../infra/config';
import { tableSchema } from '../../infra/resources';
import { stageConfig, synthesize, type SynthesizedStage } from './synth';

// The sizing (README, "Sizing"): what prod must take, and what one fax costs each function.
const FAXES_PER_SECOND = 1000;
const INGEST_SECONDS = 0.5;
const DELIVER_BATCH_SECONDS = 0.25;

describe('sizing for 1,000 faxes a second (prod)', () => {
  const prod = stageConfig('prod');

  it('reserves for ingest-fax what 1,000 requests a second of 0.5 s each keep busy', () => {
    expect(ingestFax.reservedConcurrency).toBeGreaterThanOrEqual(FAXES_PER_SECOND * INGEST_SECONDS);
  });

  it('reserves for deliver-fax what drains 1,000 faxes a second, batches of 10 in 0.25 s, twice over for a backlog', () => {
    // Act
    const perInstance = deliverFax.trigger.batchSize / DELIVER_BATCH_SECONDS;

    // Assess
    expect(deliverFax.trigger.batchSize).toBe(10);
    expect(deliverFax.reservedConcurrency).toBeGreaterThanOrEqual((2 * FAXES_PER_SECOND) / perInstance);
  });

  it("lets the gateways' routes take 1,000 faxes a second with room for retries", () => {
    expect(prod.api.gatewayRoute.rateLimit).toBeGreaterThanOrEqual(1.2 * FAXES_PER_SECOND);
    expect(prod.api.gatewayRoute.burstLimit).toBeGreaterThanOrEqual(prod.api.gatewayRoute.rateLimit);
  });

  it("keeps every reservation plus AWS's unreserved 100 within the quota prod assumes", () => {
    expect(reservedConcurrencyOf(prod, catalog) + UNRESERVED_CONCURRENCY_MINIMUM).toBeLessThanOrEqual(prod.accountConcurrencyQuota);
  });
});

describe.each(stages)('traffic alarms (%s)', (stage) => {
  const config = stageConfig(stage);
  let synthesized: SynthesizedStage;
  let template: Template;
  const alarms = () => Object.values(template.findResources('AWS::CloudWatch::Alarm'));
  const idOf = (construct: { node: { defaultChild?: unknown } }) => synthesized.stateless.getLogicalId(construct.node.defaultChild as CfnResource);
  const mathAlarm = (expression: string) => alarms().filter((alarm) => alarm.Properties.Metrics?.some((metric: { Expression?: string }) => metric.Expression === expression));

  beforeAll(() => {
    synthesized = synthesize(stage);
    template = synthesized.statelessTemplate;
  });

  test('alarms on the share of 4xx responses', () => {
    const [alarm, ...others] = mathAlarm('IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)');
    expect(others).toEqual([]);
    expect(alarm!.Properties).toMatchObject({ Threshold: config.alarms.api4xxPercent, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(JSON.stringify(alarm!.Properties.Metrics)).toContain('"MetricName":"4xx"');
    expect(JSON.stringify(alarm!.Properties.Metrics)).toContain('"MetricName":"Count"');
  });

  test("counts API Gateway's 429s from the access log, and alarms on them", () => {
    const accessLogs = idOf(synthesized.stateless.accessLogGroup);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: accessLogs },
      FilterPattern: '{ $.status = 429 }',
      MetricTransformations: [{ MetricNamespace: `FaxBackend/${stage}`, MetricName: 'ApiThrottled', MetricValue: '1' }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: `FaxBackend/${stage}`,
      MetricName: 'ApiThrottled',
      Statistic: 'Sum',
      Threshold: config.alarms.api429,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  test(stage === 'prod' ? 'alarms when no fax is accepted for 15 minutes, a missing datapoint counting as none' : 'expects no faxes, so has no alarm on their stopping', () => {
    const stopped = alarms().filter((alarm) => alarm.Properties.MetricName === 'FaxesAccepted');
    if (!config.alarms.faxesStoppedAfter) {
      expect(stopped).toEqual([]);
      return;
    }
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.Properties).toMatchObject({
      Namespace: `FaxBackend/${stage}`,
      Dimensions: [{ Name: 'service', Value: 'fax-backend' }],
      Statistic: 'Sum',
      Period: 900,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });

  test.each([
    ['Reputation.BounceRate', config.alarms.sesBounceRate, 0.05],
    ['Reputation.ComplaintRate', config.alarms.sesComplaintRate, 0.001],
  ])("alarms on the configuration set's %s before AWS's review threshold", (metricName, threshold, reviewedAt) => {
    expect(threshold).toBeLessThan(reviewedAt);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: metricName,
      Dimensions: [{ Name: 'ses:configuration-set', Value: Match.anyValue() }],
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  test('alarms on DynamoDB read and write throttles, of the table and of each index', () => {
    const throttles = mathAlarm('FILL(reads, 0) + FILL(writes, 0)');
    expect(throttles).toHaveLength(1 + tableSchema.globalIndexes.length);
    const indexes = throttles.map((alarm) =>
      JSON.stringify(alarm.Properties.Metrics).match(/"GlobalSecondaryIndexName","Value":"(\w+)"/)?.[1] ?? 'table',
    );
    expect(indexes.sort()).toEqual(['table', ...tableSchema.globalIndexes.map(({ indexName }) => indexName)].sort());
    for (const alarm of throttles) {
      const metrics = JSON.stringify(alarm.Properties.Metrics);
      expect(metrics).toContain('"MetricName":"ReadThrottleEvents"');
      expect(metrics).toContain('"MetricName":"WriteThrottleEvents"');
      expect(alarm.Properties.Threshold).toBe(config.alarms.dynamoThrottles);
    }
  });
});
