import { rightsRequestVerifiedV1 } from '../../events/rights-request-verified';
import { accountStore, rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { sqsConsumer } from '../../shared/jobs/sqs-consumer';
import { accountRightsFulfilments } from '../../shared/rights/account-rights';
import { fulfilComplaint } from '../../shared/rights/authorities';
import { fulfilRightsRequest, type Fulfil, type Fulfilments } from '../../shared/rights/fulfilment';

// TEMPORARY (this session's skeleton): every type's fulfilment replaces this before the issue is done.
const notBuiltYet: Fulfil = async (request) => {
  throw new Error(`no fulfilment for ${request.type} yet`);
};

const accountRights = accountRightsFulfilments(accountStore());

// Each type's fulfilment, with its own dependencies.
const fulfilments: Fulfilments = {
  access: notBuiltYet,
  portability: notBuiltYet,
  rectification: accountRights.rectification,
  erasure: notBuiltYet,
  restriction: accountRights.restriction,
  objection: accountRights.objection,
  withdraw_consent: accountRights.withdraw_consent,
  complaint: fulfilComplaint,
};

const deps = { requests: rightsRequestStore(), emails: emailOutbox(), fulfilments };

export const handler = sqsConsumer(rightsRequestVerifiedV1, (message, _metrics, requestId) => fulfilRightsRequest(deps, message, requestId));
