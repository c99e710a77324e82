import { accountStore, inbox } from '../../shared/adapters/dynamo/stores';
import { listFaxes } from '../../shared/faxes/inbox';
import { customerAccountId } from '../../shared/http/caller';
import { pageOf } from '../../shared/http/pagination';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const deps = { accounts: accountStore(), inbox: inbox() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, query }) =>
  ok(await listFaxes(deps, customerAccountId(caller), pageOf(query))),
);
