import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { FailureQueue } from './failure-queue';

export interface WorkQueueProps {
  config: StageConfig;
  /** From the consumer's timeout: at least six times it (infra/queue-settings.ts). */
  visibilityTimeoutSeconds: number;
  maxReceiveCount: number;
}

/**
 * A queue of asynchronous work: encrypted, TLS only, with a dead-letter queue that keeps what
 * failed `maxReceiveCount` times (alarmed as soon as anything lands there), and an alarm when its
 * oldest message waits too long (a consumer stuck or too slow fails no message, but delays all).
 */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly ageAlarm: Alarm;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const { alarms } = props.config;
    const deadLetters = new FailureQueue(this, 'DeadLetters', {
      config: props.config,
      holds: `messages dead-lettered after ${props.maxReceiveCount} failed attempts`,
    });
    this.deadLetterQueue = deadLetters.queue;
    this.deadLetterAlarm = deadLetters.alarm;
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
    this.ageAlarm = new Alarm(this, 'AgeAlarm', {
      alarmDescription: `${id}: the oldest message has waited ${alarms.queueAge.toHumanString()} or more`,
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: alarms.period, statistic: 'Maximum' }),
      threshold: alarms.queueAge.toSeconds(),
      evaluationPeriods: alarms.evaluationPeriods,
      datapointsToAlarm: alarms.datapointsToAlarm,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
