import { idTokenVerifier } from '../../shared/adapters/cognito/id-tokens';
import { accountStore, rightsCodeThrottle, rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { rightsRequestQueue } from '../../shared/adapters/sqs/rights-request-queue';
import { accepted, httpRoute } from '../../shared/http/route';
import { createRightsRequest } from '../../shared/rights/intake';
import declaration from './function';

const deps = { requests: rightsRequestStore(), accounts: accountStore(), emails: emailOutbox(), pseudonymiser: pseudonymiser(), queue: rightsRequestQueue(), throttle: rightsCodeThrottle() };

export const handler = httpRoute({ trigger: declaration.trigger, verifyBearer: idTokenVerifier() }, async ({ caller, body, requestId }) =>
  accepted(await createRightsRequest(deps, body, caller?.accountId, requestId)),
);
