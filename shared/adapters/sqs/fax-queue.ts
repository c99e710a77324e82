import type { SQSClient } from '@aws-sdk/client-sqs';
import type { FaxAcceptedV1 } from '../../../events/fax-accepted';
import { EnvNames, requiredEnv } from '../../config';
import type { FaxQueue } from '../../faxes/ports';
import { sendToQueue, sqsClient } from './queue-sender';

/** The processing queue of accepted faxes. */
class SqsFaxQueue implements FaxQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  send(message: FaxAcceptedV1, requestId: string): Promise<void> {
    return sendToQueue(this.client, this.queueUrl, message, requestId);
  }
}

/** The processing queue the function is bound to. */
export const faxQueue = () => new SqsFaxQueue(sqsClient, requiredEnv(EnvNames.faxQueue));
