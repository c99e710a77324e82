import type { SQSClient } from '@aws-sdk/client-sqs';
import { emailRequestedEvent } from '../../../events/email-requested';
import { EnvNames, requiredEnv } from '../../config';
import type { EmailOutbox, EmailRequest } from '../../email/outbox';
import { sendToQueue, sqsClient } from './queue-sender';

/** The email pipeline's entrance: `email.requested` v1 on the emails queue. */
export class SqsEmailOutbox implements EmailOutbox {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  request(email: EmailRequest, requestId: string): Promise<void> {
    return sendToQueue(this.client, this.queueUrl, emailRequestedEvent(email), requestId);
  }
}

/** The emails queue the function is bound to (`sendTo: ['emails']`). */
export const emailOutbox = (): EmailOutbox => new SqsEmailOutbox(sqsClient, requiredEnv(EnvNames.emailQueue));
