import { loginDirectory } from '../../shared/adapters/cognito/login-directory';
import { accountStore, auditTrail } from '../../shared/adapters/dynamo/stores';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { adminId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import { deactivateClient } from '../../shared/junk/admin';
import declaration from './function';

const deps = { accounts: accountStore(), logins: loginDirectory(), audit: auditTrail(), emails: emailOutbox() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ caller, body, pathParameters, requestId }) =>
  ok(
    await deactivateClient(
      deps,
      pathParameters.accountId,
      { adminId: adminId(caller), reason: body.reason },
      requestId,
    ),
  ),
);
