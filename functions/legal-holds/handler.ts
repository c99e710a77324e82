import { accountStore, heldFaxes, legalRequestStore, rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { faxDocuments } from '../../shared/adapters/s3/stores';
import { rightsRequestQueue } from '../../shared/adapters/sqs/rights-request-queue';
import { scheduledJob } from '../../shared/jobs/scheduled-job';
import { erasureHeld, resumeReleasedErasures, settleFaxHolds } from '../../shared/legal/holds';

const store = legalRequestStore();
const faxHolds = { store, faxes: heldFaxes(), documents: faxDocuments() };
const erasures = { requests: rightsRequestStore(), queue: rightsRequestQueue(), isHeld: erasureHeld({ holds: store, accounts: accountStore() }) };

// The faxes first: an erasure resumed afterwards finds them given back.
export const handler = scheduledJob(async (hasTimeLeft) => ({ ...(await settleFaxHolds(faxHolds, hasTimeLeft)), ...(await resumeReleasedErasures(erasures, hasTimeLeft)) }));
