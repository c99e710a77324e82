import { signUp } from '../../shared/accounts/sign-up';
import { DEFAULT_SIGN_UPS_PER_SOURCE_PER_DAY } from '../../shared/accounts/sign-up-limits';
import { accountStore, referralStore, signUpThrottle } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { accountEvents } from '../../shared/adapters/sqs/account-events';
import { EnvNames, positiveIntEnv } from '../../shared/config';
import { created, httpRoute } from '../../shared/http/route';
import declaration from './function';

const deps = {
  accounts: accountStore(),
  events: accountEvents(),
  limits: {
    throttle: signUpThrottle(),
    pseudonymiser: pseudonymiser(),
    perSourcePerDay: positiveIntEnv(EnvNames.signUpsPerSourcePerDay, DEFAULT_SIGN_UPS_PER_SOURCE_PER_DAY),
  },
  referrals: referralStore(),
};

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ body, metrics, requestId, sourceIp }) => {
  const account = await signUp(deps, body, { requestId, sourceIp });
  metrics.count('SignUps');
  return created(account, '/me');
});
