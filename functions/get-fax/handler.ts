import { accountStore, inbox } from '../../shared/adapters/dynamo/stores';
import { getFax } from '../../shared/faxes/inbox';
import { customerAccountId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const deps = { accounts: accountStore(), inbox: inbox() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, pathParameters }) =>
  ok(await getFax(deps, customerAccountId(caller), pathParameters.faxId)),
);
