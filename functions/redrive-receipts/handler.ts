import { receiptStore } from '../../shared/adapters/dynamo/stores';
import { faxQueue } from '../../shared/adapters/sqs/fax-queue';
import { redriveStranded } from '../../shared/faxes/redrive';
import { scheduledJob } from '../../shared/jobs/scheduled-job';

const deps = { receipts: receiptStore(), queue: faxQueue() };

export const handler = scheduledJob((hasTimeLeft) => redriveStranded(deps, hasTimeLeft));
