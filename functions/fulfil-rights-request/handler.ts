import { rightsRequestVerifiedV1 } from '../../events/rights-request-verified';
import { loginDirectory } from '../../shared/adapters/cognito/login-directory';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { tablePersonalData } from '../../shared/adapters/dynamo/person-data';
import { accountStore, rightsRequestStore } from '../../shared/adapters/dynamo/stores';
import { exportStore } from '../../shared/adapters/s3/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { EnvNames, requiredEnv } from '../../shared/config';
import { exportPersonalData, loginSource } from '../../shared/rights/export';
import { sqsConsumer } from '../../shared/jobs/sqs-consumer';
import { accountRightsFulfilments } from '../../shared/rights/account-rights';
import { fulfilComplaint } from '../../shared/rights/authorities';
import { fulfilRightsRequest, type Fulfil, type Fulfilments } from '../../shared/rights/fulfilment';

// TEMPORARY (this session's skeleton): every type's fulfilment replaces this before the issue is done.
const notBuiltYet: Fulfil = async (request) => {
  throw new Error(`no fulfilment for ${request.type} yet`);
};

const accountRights = accountRightsFulfilments(accountStore());

// Access and portability: the same machine-readable export.
const exportOfPerson = exportPersonalData({
  accounts: accountStore(),
  pseudonymiser: pseudonymiser(),
  sources: { ...tablePersonalData(documentClient, requiredEnv(EnvNames.table)), userPoolLogins: loginSource(loginDirectory()) },
  exports: exportStore(),
  apiUrl: requiredEnv(EnvNames.apiUrl),
});

// Each type's fulfilment, with its own dependencies.
const fulfilments: Fulfilments = {
  access: exportOfPerson,
  portability: exportOfPerson,
  rectification: accountRights.rectification,
  erasure: notBuiltYet,
  restriction: accountRights.restriction,
  objection: accountRights.objection,
  withdraw_consent: accountRights.withdraw_consent,
  complaint: fulfilComplaint,
};

const deps = { requests: rightsRequestStore(), emails: emailOutbox(), fulfilments };

export const handler = sqsConsumer(rightsRequestVerifiedV1, (message, _metrics, requestId) => fulfilRightsRequest(deps, message, requestId));
