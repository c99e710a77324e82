import { faxAcceptedV1 } from '../../events/fax-accepted';
import { blockList, inbox, recipients } from '../../shared/adapters/dynamo/stores';
import { faxDocuments } from '../../shared/adapters/s3/stores';
import { deliverFax } from '../../shared/faxes/deliver';
import { sqsConsumer } from '../../shared/jobs/sqs-consumer';

const deps = { recipients: recipients(), blockList: blockList(), inbox: inbox(), documents: faxDocuments() };

export const handler = sqsConsumer(faxAcceptedV1, (message) => deliverFax(deps, message));
