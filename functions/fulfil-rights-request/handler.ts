import { rightsRequestVerifiedV1 } from '../../events/rights-request-verified';
import { loginDirectory } from '../../shared/adapters/cognito/login-directory';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { tablePersonalData } from '../../shared/adapters/dynamo/person-data';
import { accountPartitions, accountStore, erasureReceipts, junkReportStore, legalRequestStore, personRequests, referralStore, rightsRequestStore, suppressionList } from '../../shared/adapters/dynamo/stores';
import { exportStore, faxDocuments } from '../../shared/adapters/s3/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { EnvNames, requiredEnv } from '../../shared/config';
import { exportPersonalData, loginSource } from '../../shared/rights/export';
import { sqsConsumer } from '../../shared/jobs/sqs-consumer';
import { accountRightsFulfilments } from '../../shared/rights/account-rights';
import { fulfilComplaint } from '../../shared/rights/authorities';
import { erasure } from '../../shared/rights/erasure';
import { erasureHeld } from '../../shared/legal/holds';
import { fulfilRightsRequest, type Fulfilments } from '../../shared/rights/fulfilment';

const accounts = accountStore();
const logins = loginDirectory();
const hashes = pseudonymiser();
const exportsBucket = exportStore();
const accountRights = accountRightsFulfilments(accounts);
const requests = rightsRequestStore();

// Access and portability: the same machine-readable export.
const exportOfPerson = exportPersonalData({
  accounts,
  requests,
  pseudonymiser: hashes,
  sources: { ...tablePersonalData(documentClient, requiredEnv(EnvNames.table)), userPoolLogins: loginSource(logins) },
  exports: exportsBucket,
  apiUrl: requiredEnv(EnvNames.apiUrl),
});

// Each type's fulfilment, with its own dependencies.
const fulfilments: Fulfilments = {
  access: exportOfPerson,
  portability: exportOfPerson,
  rectification: accountRights.rectification,
  erasure: erasure({
    accounts,
    logins,
    partitions: accountPartitions(),
    documents: faxDocuments(),
    requests: personRequests(),
    suppressions: suppressionList(),
    receipts: erasureReceipts(),
    pseudonymiser: hashes,
    reporters: junkReportStore(),
    exports: exportsBucket,
    referrals: referralStore(),
  }),
  restriction: accountRights.restriction,
  objection: accountRights.objection,
  withdraw_consent: accountRights.withdraw_consent,
  complaint: fulfilComplaint,
};

const deps = { requests, emails: emailOutbox(), fulfilments, isUnderLegalHold: erasureHeld({ holds: legalRequestStore(), accounts }) };

export const handler = sqsConsumer(rightsRequestVerifiedV1, (message, _metrics, requestId) => fulfilRightsRequest(deps, message, requestId));
