import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { FailureQueue } from './failure-queue';

export interface AlarmTopicProps {
  config: StageConfig;
}

/**
 * Where the stage's alarms go: one SNS topic, encrypted with its own key (CloudWatch cannot
 * publish to a topic under the AWS-managed SNS key), TLS only, with an email subscription.
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, { config }: AlarmTopicProps) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    // Only this account's alarms may publish.
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
    };
    this.key = new Key(this, 'Key', {
      description: `Encrypts the ${config.stage} alarm topic`,
      enableKeyRotation: true,
      // Notifications are delivered at once and never stored: nothing is lost with the key.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // SNS encrypts what a publisher sends with the publisher's rights on the key (AWS's policy for
    // CloudWatch alarms); the key serves this topic alone, whose policy says who may publish.
    this.key.addToResourcePolicy(
      new PolicyStatement({ principals: [cloudWatch], actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: ['*'] }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: `Fax service ${config.stage} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({ principals: [cloudWatch], actions: ['sns:Publish'], resources: [this.topic.topicArn], conditions: fromOurAlarms }),
    );
    // An email SNS could not deliver is kept (and alarmed: the console and the dashboard show it).
    const undelivered = new FailureQueue(this, 'Undelivered', {
      config,
      holds: 'alarm notifications SNS could not deliver by email',
      deadLetterFor: "the alarm topic's email subscription",
    });
    // The subscriber confirms it from the email SNS sends after the first deploy.
    this.topic.addSubscription(new EmailSubscription(config.alarms.email, { deadLetterQueue: undelivered.queue }));
    this.action = new SnsAction(this.topic);
  }

  /** The alarm tells the topic when it fires and when it recovers. */
  notify(alarm: Alarm): void {
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
  }
}
