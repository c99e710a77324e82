import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';

export interface FailureQueueProps {
  config: StageConfig;
  /** What lands here, for the alarm's description and the acknowledgement. */
  holds: string;
  /**
   * Who sends here when it is not an SQS redrive policy (the only dead-letter link cdk-nag
   * recognizes), e.g. an EventBridge target or an SNS subscription.
   */
  deadLetterFor?: string;
}

/**
 * The end of the line for work that failed for good: encrypted, TLS only, kept two weeks, and
 * alarmed as soon as one message is there. Nothing consumes it; a person looks, then redrives.
 */
export class FailureQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: FailureQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: `Nothing consumes this queue, so a redrive policy would never apply: it keeps ${props.holds} for 14 days, alarmed as soon as one arrives, and moving them back is a deliberate, manual redrive.`,
    });
    if (props.deadLetterFor) {
      Validations.of(this.queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself the dead-letter destination of ${props.deadLetterFor}; nothing consumes it, so a dead-letter queue of its own would never receive anything.`,
      });
    }
    const { period } = props.config.alarms;
    this.alarm = new Alarm(this, 'Alarm', {
      alarmDescription: `${scope.node.id}/${id}: ${props.holds}`,
      // Arrivals per period, not messages waiting: the alarm recovers once nothing more arrives, so
      // a second incident fires it again while the first one's messages still wait. SendMessage
      // (EventBridge, SNS, Lambda destinations) counts in NumberOfMessagesSent; a redrive policy's
      // move does not, so a rise of the visible messages counts too (nothing consumes this queue).
      metric: new MathExpression({
        expression: 'FILL(sent, 0) + IF(DIFF(visible) > 0, DIFF(visible), 0)',
        usingMetrics: {
          sent: this.queue.metricNumberOfMessagesSent({ period, statistic: 'Sum' }),
          visible: this.queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        },
        period,
        label: 'messages arrived',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
