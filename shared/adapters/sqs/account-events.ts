import type { SQSClient } from '@aws-sdk/client-sqs';
import type { AccountCreatedV1 } from '../../../events/account-created';
import type { AccountEvents } from '../../accounts/ports';
import { EnvNames, requiredEnv } from '../../config';
import { sendToQueue, sqsClient } from './queue-sender';

/** The accounts queue. */
class SqsAccountEvents implements AccountEvents {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  send(event: AccountCreatedV1, requestId?: string): Promise<void> {
    return sendToQueue(this.client, this.queueUrl, event, requestId);
  }
}

/** The accounts queue the function is bound to. */
export const accountEvents = (): AccountEvents => new SqsAccountEvents(sqsClient, requiredEnv(EnvNames.accountsQueue));
