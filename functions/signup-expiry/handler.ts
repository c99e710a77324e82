import { expireUnprovenSignUps } from '../../shared/accounts/expiry';
import { loginDirectory } from '../../shared/adapters/cognito/login-directory';
import { accountStore } from '../../shared/adapters/dynamo/stores';
import { scheduledJob } from '../../shared/jobs/scheduled-job';

const deps = { accounts: accountStore(), logins: loginDirectory() };

export const handler = scheduledJob((hasTimeLeft) => expireUnprovenSignUps(deps, hasTimeLeft));
