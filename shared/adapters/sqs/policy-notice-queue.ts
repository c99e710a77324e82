import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { planMessage, sendMessage, type PolicyNoticesV1 } from '../../../events/policy-notices';
import { EnvNames, requiredEnv } from '../../config';
import { backOff } from '../dynamo/transactions';
import type { NoticeQueue } from '../../policies/ports';
import { sendToQueue, sqsClient } from './queue-sender';

/** SendMessageBatch's limit. */
const ENTRIES_PER_BATCH = 10;
/** Attempts at entries a batch call left failed (throttling); any still failed then fail the page, which is planned again. */
const BATCH_ATTEMPTS = 5;

/** The policy-notices queue: `policy-notices.send` in batches of ten messages, `policy-notices.plan` alone. */
export class SqsNoticeQueue implements NoticeQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(version: string, groups: readonly (readonly string[])[]): Promise<void> {
    const messages = groups.map((accountIds) => sendMessage(version, accountIds));
    for (let start = 0; start < messages.length; start += ENTRIES_PER_BATCH) await this.sendBatch(messages.slice(start, start + ENTRIES_PER_BATCH));
  }

  requestPlan(version: string): Promise<void> {
    return sendToQueue(this.client, this.queueUrl, planMessage(version));
  }

  private async sendBatch(messages: PolicyNoticesV1[]): Promise<void> {
    let pending = messages.map((message, index) => ({ Id: String(index), MessageBody: JSON.stringify(message) }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > BATCH_ATTEMPTS) throw new Error(`SendMessageBatch left ${pending.length} messages unsent after ${BATCH_ATTEMPTS} attempts`);
      if (attempt > 1) await backOff(attempt);
      const { Failed = [] } = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
      const failed = new Set(Failed.map(({ Id }) => Id));
      pending = pending.filter(({ Id }) => failed.has(Id));
    }
  }
}

/** The policy-notices queue the function is bound to (`sendTo: ['policyNotices']`). */
export const noticeQueue = (): NoticeQueue => new SqsNoticeQueue(sqsClient, requiredEnv(EnvNames.policyNoticesQueue));
