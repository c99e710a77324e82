import { legalRequestStore } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { EnvNames, requiredEnv } from '../../shared/config';
import { validate } from '../../shared/http/json-body';
import { pageOf } from '../../shared/http/pagination';
import { httpRoute, ok } from '../../shared/http/route';
import { listLegalRequests } from '../../shared/legal/requests';
import { legalViews } from '../../shared/legal/views';
import declaration from './function';

const store = legalRequestStore();
const signer = { pseudonymiser: pseudonymiser(), apiUrl: requiredEnv(EnvNames.apiUrl) };
const { status } = declaration.trigger.query.shape;

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ query }) =>
  ok(await legalViews(signer, await listLegalRequests(store, validate(status, query.status, 'status'), pageOf(query)))),
);
