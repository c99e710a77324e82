import { rightsCodeThrottle, rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { rightsRequestQueue } from '../../shared/adapters/sqs/rights-request-queue';
import { httpRoute, ok } from '../../shared/http/route';
import { verifyRightsRequest } from '../../shared/rights/intake';
import declaration from './function';

const deps = { requests: rightsRequestStore(), pseudonymiser: pseudonymiser(), queue: rightsRequestQueue(), throttle: rightsCodeThrottle() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ body, pathParameters, headers, requestId }) =>
  ok(await verifyRightsRequest(deps, pathParameters.id, headers['x-request-token'], body.code, requestId)),
);
