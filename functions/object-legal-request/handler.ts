import { legalRequestStore } from '../../shared/adapters/dynamo/stores';
import { adminId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import { closeLegalRequest } from '../../shared/legal/requests';
import declaration from './function';

const store = legalRequestStore();

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ body, pathParameters, caller }) =>
  ok(await closeLegalRequest(store, pathParameters.id, 'objected', body.reason, adminId(caller))),
);
