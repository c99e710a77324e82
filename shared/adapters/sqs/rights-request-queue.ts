import type { SQSClient } from '@aws-sdk/client-sqs';
import type { RightsRequestVerifiedV1 } from '../../../events/rights-request-verified';
import { EnvNames, requiredEnv } from '../../config';
import type { RightsRequestQueue } from '../../rights/ports';
import { sendToQueue, sqsClient } from './queue-sender';

/** The rights requests queue. */
class SqsRightsRequestQueue implements RightsRequestQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  send(event: RightsRequestVerifiedV1, requestId?: string): Promise<void> {
    return sendToQueue(this.client, this.queueUrl, event, requestId);
  }
}

/** The rights requests queue the function is bound to. */
export const rightsRequestQueue = (): RightsRequestQueue => new SqsRightsRequestQueue(sqsClient, requiredEnv(EnvNames.rightsQueue));
