import { rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { rightsRequestQueue } from '../../shared/adapters/sqs/rights-request-queue';
import { adminId } from '../../shared/http/caller';
import { accepted, httpRoute } from '../../shared/http/route';
import { reportChildData } from '../../shared/rights/child-data-reports';
import declaration from './function';

const deps = { requests: rightsRequestStore(), pseudonymiser: pseudonymiser(), queue: rightsRequestQueue() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, body, requestId }) =>
  accepted(await reportChildData(deps, body, adminId(caller), requestId)),
);
