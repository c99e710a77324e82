import { accountStore, legalRequestStore, recipients } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { adminId } from '../../shared/http/caller';
import { created, httpRoute } from '../../shared/http/route';
import { createLegalRequest, legalTimesFromEnv } from '../../shared/legal/requests';
import declaration from './function';

const deps = {
  store: legalRequestStore(),
  emails: emailOutbox(),
  times: legalTimesFromEnv(),
  lookup: { accounts: accountStore(), recipients: recipients() },
  pseudonymiser: pseudonymiser(),
};

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ body, caller, requestId }) => {
  const { legalRequestId, status, feeDueCents, withheld } = await createLegalRequest(deps, body, adminId(caller), requestId);
  return created({ legalRequestId, status, feeDueCents, withheld }, `/admin/legal-requests/${legalRequestId}`);
});
