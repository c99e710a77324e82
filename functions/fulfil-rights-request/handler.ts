import { rightsRequestVerifiedV1 } from '../../events/rights-request-verified';
import { loginDirectory } from '../../shared/adapters/cognito/login-directory';
import { accountPartitions, accountStore, erasureReceipts, personRequests, rightsRequestStore, suppressionList } from '../../shared/adapters/dynamo/stores';
import { faxDocuments } from '../../shared/adapters/s3/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { sqsConsumer } from '../../shared/jobs/sqs-consumer';
import { erasure } from '../../shared/rights/erasure';
import { fulfilRightsRequest, type Fulfil, type Fulfilments } from '../../shared/rights/fulfilment';

// TEMPORARY (this session's skeleton): every type's fulfilment replaces this before the issue is done.
const notBuiltYet: Fulfil = async (request) => {
  throw new Error(`no fulfilment for ${request.type} yet`);
};

// Each type's fulfilment, with its own dependencies.
const fulfilments: Fulfilments = {
  access: notBuiltYet,
  portability: notBuiltYet,
  rectification: notBuiltYet,
  erasure: erasure({
    accounts: accountStore(),
    logins: loginDirectory(),
    partitions: accountPartitions(),
    documents: faxDocuments(),
    requests: personRequests(),
    suppressions: suppressionList(),
    receipts: erasureReceipts(),
    pseudonymiser: pseudonymiser(),
  }),
  restriction: notBuiltYet,
  objection: notBuiltYet,
  withdraw_consent: notBuiltYet,
  complaint: notBuiltYet,
};

const deps = { requests: rightsRequestStore(), emails: emailOutbox(), fulfilments };

export const handler = sqsConsumer(rightsRequestVerifiedV1, (message, _metrics, requestId) => fulfilRightsRequest(deps, message, requestId));
