import { updateProfile } from '../../shared/accounts/email-change';
import { accountStore, emailChangeThrottle } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { customerAccountId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

const deps = { accounts: accountStore(), emails: emailOutbox(), pseudonymiser: pseudonymiser(), throttle: emailChangeThrottle() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, body, requestId }) =>
  ok(await updateProfile(deps, customerAccountId(caller), body, requestId)),
);
