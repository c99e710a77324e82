import { deactivateAccount } from '../../shared/accounts/deactivation';
import { loginDirectory } from '../../shared/adapters/cognito/login-directory';
import { accountStore } from '../../shared/adapters/dynamo/stores';
import { customerAccountId } from '../../shared/http/caller';
import { accepted, httpRoute } from '../../shared/http/route';
import declaration from './function';

const deps = { accounts: accountStore(), logins: loginDirectory() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller }) =>
  accepted(await deactivateAccount(deps, customerAccountId(caller))),
);
