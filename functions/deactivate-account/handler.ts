import { deactivateAccount } from '../../shared/accounts/profile';
import { accountStore } from '../../shared/adapters/dynamo/stores';
import { customerAccountId } from '../../shared/http/caller';
import { accepted, httpRoute } from '../../shared/http/route';
import declaration from './function';

const accounts = accountStore();

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller }) =>
  accepted(await deactivateAccount(accounts, customerAccountId(caller))),
);
