import { faxAcceptedV1 } from '../../events/fax-accepted';
import { blockList, inbox, recipients } from '../../shared/adapters/dynamo/stores';
import { faxDocuments } from '../../shared/adapters/s3/stores';
import { deliverFax, type DeliveryOutcome } from '../../shared/faxes/deliver';
import { sqsConsumer } from '../../shared/jobs/sqs-consumer';
import type { BusinessMetric } from '../../shared/metrics';

const deps = { recipients: recipients(), blockList: blockList(), inbox: inbox(), documents: faxDocuments() };

const COUNTED_AS: Record<DeliveryOutcome, BusinessMetric> = { delivered: 'FaxesDelivered', blocked: 'FaxesRefused', not_routed: 'FaxesRefused' };

export const handler = sqsConsumer(faxAcceptedV1, async (message, metrics) => {
  const outcome = await deliverFax(deps, message);
  metrics.count(COUNTED_AS[outcome]);
  return outcome;
});
