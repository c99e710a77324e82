import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ReferralCreatedV1 } from '../../../events/referral-created';
import { EnvNames, requiredEnv } from '../../config';
import type { ReferralQueue } from '../../referrals/ports';
import { sendToQueue, sqsClient } from './queue-sender';

/** The referrals queue. */
class SqsReferralQueue implements ReferralQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  send(event: ReferralCreatedV1, requestId: string): Promise<void> {
    return sendToQueue(this.client, this.queueUrl, event, requestId);
  }
}

/** The referrals queue the function is bound to. */
export const referralQueue = (): ReferralQueue => new SqsReferralQueue(sqsClient, requiredEnv(EnvNames.referralInvitationsQueue));
