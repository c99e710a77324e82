import { accountStore, heldFaxes, legalRequestStore, recipients } from '../../shared/adapters/dynamo/stores';
import { faxDocuments } from '../../shared/adapters/s3/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { adminId } from '../../shared/http/caller';
import { created, httpRoute } from '../../shared/http/route';
import { placeFaxHolds } from '../../shared/legal/holds';
import { createLegalRequest, legalTimesFromEnv } from '../../shared/legal/requests';
import declaration from './function';

const store = legalRequestStore();
const deps = {
  store,
  emails: emailOutbox(),
  times: legalTimesFromEnv(),
  lookup: { accounts: accountStore(), recipients: recipients() },
  pseudonymiser: pseudonymiser(),
};
const faxHolds = { store, faxes: heldFaxes(), documents: faxDocuments() };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ body, caller, requestId }) => {
  const request = await createLegalRequest(deps, body, adminId(caller), requestId);
  // Its faxes outlive their retention from now on (a failure here is finished by the legal-holds schedule).
  await placeFaxHolds(faxHolds, request);
  const { legalRequestId, status, feeDueCents, withheld } = request;
  return created({ legalRequestId, status, feeDueCents, withheld }, `/admin/legal-requests/${legalRequestId}`);
});
