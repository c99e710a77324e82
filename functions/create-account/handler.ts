import { signUp } from '../../shared/accounts/sign-up';
import { accountStore } from '../../shared/adapters/dynamo/stores';
import { accountEvents } from '../../shared/adapters/sqs/account-events';
import { created, httpRoute } from '../../shared/http/route';
import declaration from './function';

const deps = { accounts: accountStore(), events: accountEvents() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ body, metrics, requestId }) => {
  const account = await signUp(deps, body, requestId);
  metrics.count('SignUps');
  return created(account, '/me');
});
