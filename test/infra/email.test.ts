import type { CfnResource } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { SES_FEEDBACK_DETAIL_TYPES } from '../../events/ses-feedback';
import { catalog } from '../../functions/catalog';
import sendEmail from '../../functions/send-email/function';
import sendPolicyNotices from '../../functions/send-policy-notices/function';
import { stages } from '../../infra/config';
import { visibilityTimeoutSeconds } from '../../infra/queue-settings';
import { queues } from '../../infra/resources';
import { SEND_CLAIM_LEASE_SECONDS } from '../../shared/email/send';
import { MAX_NOTICE_ATTEMPTS } from '../../shared/policies/fan-out';
import { NOTICE_CLAIM_LEASE_SECONDS } from '../../shared/policies/notices';
import { FIRST_RETRY_DELAY_SECONDS } from '../../shared/jobs/retry-later';
import { logicalIdOf, stageConfig, synthesize, type SynthesizedStage } from './synth';

describe('the send claim lease', () => {
  it('outlasts the send-email function (a live claim is never taken over) and ends before the emails queue redelivers (a crashed one is retried)', () => {
    // Act
    const visibility = visibilityTimeoutSeconds('emails', catalog);

    // Assess
    expect(sendEmail.timeoutSeconds).toBeLessThan(SEND_CLAIM_LEASE_SECONDS);
    expect(SEND_CLAIM_LEASE_SECONDS).toBeLessThan(visibility);
  });

  it('ends before a postponed message (SES throttling) comes back, so its retry finds the claim stale and sends', () => {
    expect(SEND_CLAIM_LEASE_SECONDS).toBeLessThan(FIRST_RETRY_DELAY_SECONDS);
  });
});

describe('the policy notice claim lease', () => {
  it('outlasts the send-policy-notices function (a live claim is never taken over) and ends before the policy-notices queue redelivers (a crashed one is retried)', () => {
    // Act
    const visibility = visibilityTimeoutSeconds('policyNotices', catalog);

    // Assess
    expect(sendPolicyNotices.timeoutSeconds).toBeLessThan(NOTICE_CLAIM_LEASE_SECONDS);
    expect(NOTICE_CLAIM_LEASE_SECONDS).toBeLessThan(visibility);
  });

  it('gives each notice of a message its claim attempts before the queue dead-letters it: the last receive records it failed', () => {
    expect(MAX_NOTICE_ATTEMPTS).toBe(queues.policyNotices.maxReceiveCount - 1);
  });
});

describe.each(stages)('email sending (%s)', (stage) => {
  const config = stageConfig(stage);
  let synthesized: SynthesizedStage;
  let stateful: Template;
  let stateless: Template;
  const statefulId = (construct: { node: { defaultChild?: unknown } }) => synthesized.stateful.getLogicalId(construct.node.defaultChild as CfnResource);
  const statelessId = logicalIdOf;

  beforeAll(() => {
    synthesized = synthesize(stage);
    stateful = synthesized.statefulTemplate;
    stateless = synthesized.statelessTemplate;
  });

  test("verifies the sender's domain with Easy DKIM, sending through the configuration set by default", () => {
    stateful.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: config.senderEmail.split('@')[1],
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: statefulId(synthesized.stateful.emailSending.configurationSet) } },
    });
  });

  test('the configuration set requires TLS and keeps no second suppression list of plain addresses', () => {
    stateful.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: [] },
    });
  });

  test('publishes bounces and complaints, and only those, to the default event bus', () => {
    stateful.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: statefulId(synthesized.stateful.emailSending.configurationSet) },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        EventBridgeDestination: { EventBusArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':event-bus/default']] } },
      },
    });
  });

  test("routes this configuration set's bounces and complaints to the emailFeedback queue, undeliverable ones to its dead-letter queue", () => {
    const feedback = synthesized.stateless.queues.emailFeedback;
    const rules = Object.values(stateless.findResources('AWS::Events::Rule')).filter((rule) => rule.Properties.EventPattern?.source?.[0] === 'aws.ses');
    expect(rules).toHaveLength(1);
    const { EventPattern, Targets } = rules[0]!.Properties;
    expect(EventPattern['detail-type']).toEqual(SES_FEEDBACK_DETAIL_TYPES);
    expect(Object.keys(EventPattern.detail.mail.tags)).toEqual(['ses:configuration-set']);
    expect(Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [statelessId(feedback.queue), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [statelessId(feedback.deadLetterQueue), 'Arn'] } },
      }),
    ]);
  });

  test('only EventBridge, for that rule, may send to the emailFeedback queue', () => {
    const feedback = synthesized.stateless.queues.emailFeedback;
    const policies = Object.values(stateless.findResources('AWS::SQS::QueuePolicy')).filter((policy) =>
      JSON.stringify(policy.Properties.Queues).includes(statelessId(feedback.queue)),
    );
    const allows = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement).filter((statement: { Effect: string }) => statement.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Action: expect.arrayContaining(['sqs:SendMessage']),
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [expect.stringMatching(/^SesFeedbackRule/), 'Arn'] } } },
      }),
    ]);
  });

  test('send-email and email-feedback consume their queues, reporting partial batch failures', () => {
    for (const [queue, fn] of [
      ['emails', 'send-email'],
      ['emailFeedback', 'email-feedback'],
    ] as const) {
      stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [statelessId(synthesized.stateless.queues[queue].queue), 'Arn'] },
        FunctionName: { Ref: statelessId(synthesized.stateless.functions.get(fn)!.fn) },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
  });
});
