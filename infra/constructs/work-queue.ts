import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';

export interface WorkQueueProps {
  config: StageConfig;
  /** From the consumer's timeout: at least six times it (infra/queue-settings.ts). */
  visibilityTimeoutSeconds: number;
  maxReceiveCount: number;
}

/**
 * A queue of asynchronous work: encrypted, TLS only, with a dead-letter queue that keeps what
 * failed `maxReceiveCount` times for two weeks, and an alarm as soon as anything lands there.
 */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: 'This is the dead-letter queue, the end of the line: its messages are kept 14 days and alarmed, and moving them back is a deliberate, manual redrive.',
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
    this.deadLetterAlarm = new Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: `${id}: messages dead-lettered after ${props.maxReceiveCount} failed attempts`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: props.config.alarms.period, statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
