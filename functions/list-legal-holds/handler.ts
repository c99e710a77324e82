import { legalRequestStore } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { EnvNames, requiredEnv } from '../../shared/config';
import { pageOf } from '../../shared/http/pagination';
import { httpRoute, ok } from '../../shared/http/route';
import { listLegalHolds } from '../../shared/legal/requests';
import { legalViews } from '../../shared/legal/views';
import declaration from './function';

const store = legalRequestStore();
const signer = { pseudonymiser: pseudonymiser(), apiUrl: requiredEnv(EnvNames.apiUrl) };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ query }) => ok(await legalViews(signer, await listLegalHolds(store, pageOf(query)))));
