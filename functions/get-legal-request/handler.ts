import { auditTrail, legalRequestStore } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { EnvNames, requiredEnv } from '../../shared/config';
import { httpRoute, ok } from '../../shared/http/route';
import { legalRequestWithTrail } from '../../shared/legal/views';
import declaration from './function';

const deps = { store: legalRequestStore(), audit: auditTrail(), pseudonymiser: pseudonymiser(), apiUrl: requiredEnv(EnvNames.apiUrl) };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ pathParameters }) => ok(await legalRequestWithTrail(deps, pathParameters.id)));
