import { accountStore, blockList } from '../../shared/adapters/dynamo/stores';
import { unblockSender } from '../../shared/faxes/inbox';
import { customerAccountId } from '../../shared/http/caller';
import { httpRoute, noContent } from '../../shared/http/route';
import declaration from './function';

const deps = { accounts: accountStore(), blockList: blockList() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, pathParameters }) => {
  await unblockSender(deps, customerAccountId(caller), pathParameters.faxNumber);
  return noContent();
});
