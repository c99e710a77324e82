import { accountStore, legalRequestStore, recipients } from '../../shared/adapters/dynamo/stores';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { adminId } from '../../shared/http/caller';
import { httpRoute, ok } from '../../shared/http/route';
import { legalTimesFromEnv, payLegalFee } from '../../shared/legal/requests';
import declaration from './function';

const deps = { store: legalRequestStore(), emails: emailOutbox(), times: legalTimesFromEnv(), lookup: { accounts: accountStore(), recipients: recipients() } };

export const handler = httpRoute({ trigger: declaration.trigger }, async ({ body, pathParameters, caller, requestId }) =>
  ok(await payLegalFee(deps, pathParameters.id, body.amountCents, adminId(caller), requestId)),
);
