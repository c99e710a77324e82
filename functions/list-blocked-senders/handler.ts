import { accountStore, blockList } from '../../shared/adapters/dynamo/stores';
import { listBlockedSenders } from '../../shared/faxes/inbox';
import { customerAccountId } from '../../shared/http/caller';
import { pageOf } from '../../shared/http/pagination';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const deps = { accounts: accountStore(), blockList: blockList() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, query }) =>
  ok(await listBlockedSenders(deps, customerAccountId(caller), pageOf(query))),
);
