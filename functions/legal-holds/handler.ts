import { accountStore, legalRequestStore, rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { rightsRequestQueue } from '../../shared/adapters/sqs/rights-request-queue';
import { scheduledJob } from '../../shared/jobs/scheduled-job';
import { erasureHeld, resumeReleasedErasures } from '../../shared/legal/holds';

const deps = { requests: rightsRequestStore(), queue: rightsRequestQueue(), isHeld: erasureHeld({ holds: legalRequestStore(), accounts: accountStore() }) };

export const handler = scheduledJob((hasTimeLeft) => resumeReleasedErasures(deps, hasTimeLeft));
