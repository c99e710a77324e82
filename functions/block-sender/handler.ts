import { accountStore, blockList } from '../../shared/adapters/dynamo/stores';
import { blockSender } from '../../shared/faxes/inbox';
import { faxNumberParameter } from '../../shared/faxes/parameters';
import { customerAccountId } from '../../shared/http/caller';
import { validate } from '../../shared/http/json-body';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const deps = { accounts: accountStore(), blockList: blockList() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, pathParameters }) =>
  ok(await blockSender(deps, customerAccountId(caller), validate(faxNumberParameter, pathParameters.faxNumber, 'faxNumber'))),
);
