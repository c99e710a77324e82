import { staleAliasRelease } from '../../shared/accounts/email-aliases';
import { verifyEmail } from '../../shared/accounts/email-change';
import { loginDirectory } from '../../shared/adapters/cognito/login-directory';
import { accountStore, emailChangeThrottle } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { customerAccountId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const accounts = accountStore();
const deps = { accounts, logins: loginDirectory(staleAliasRelease(accounts)), pseudonymiser: pseudonymiser(), throttle: emailChangeThrottle() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, body }) =>
  ok(await verifyEmail(deps, customerAccountId(caller), body.code)),
);
