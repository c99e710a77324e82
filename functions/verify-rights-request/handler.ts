import { rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { httpRoute, ok } from '../../shared/http/route';
import { verifyRightsRequest } from '../../shared/rights/intake';
import declaration from './function';

const deps = { requests: rightsRequestStore(), pseudonymiser: pseudonymiser() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ body, pathParameters, headers }) =>
  ok(await verifyRightsRequest(deps, pathParameters.id, headers['x-request-token'], body.code)),
);
