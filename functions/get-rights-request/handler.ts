import { idTokenVerifier } from '../../shared/adapters/cognito/id-tokens';
import { accountStore, rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { httpRoute, ok } from '../../shared/http/route';
import { getRightsRequest } from '../../shared/rights/intake';
import declaration from './function';

const deps = { requests: rightsRequestStore(), accounts: accountStore(), pseudonymiser: pseudonymiser() };

export const handler = httpRoute({ trigger: declaration.trigger, verifyBearer: idTokenVerifier() }, async ({ caller, pathParameters, headers }) =>
  ok(await getRightsRequest(deps, pathParameters.id, { token: headers['x-request-token'], accountId: caller?.accountId })),
);
