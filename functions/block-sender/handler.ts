import { accountStore, blockList } from '../../shared/adapters/dynamo/stores';
import { blockSender } from '../../shared/faxes/inbox';
import { customerAccountId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const deps = { accounts: accountStore(), blockList: blockList() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, pathParameters }) =>
  ok(await blockSender(deps, customerAccountId(caller), pathParameters.faxNumber)),
);
