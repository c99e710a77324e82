import { referralCreatedV1 } from '../../events/referral-created';
import { accountStore, referralStore } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { emailOutbox } from '../../shared/adapters/sqs/email-outbox';
import { EnvNames, requiredEnv } from '../../shared/config';
import { sqsConsumer } from '../../shared/jobs/sqs-consumer';
import { sendInvitation } from '../../shared/referrals/invitation';

const deps = { referrals: referralStore(), accounts: accountStore(), pseudonymiser: pseudonymiser(), emails: emailOutbox(), apiUrl: requiredEnv(EnvNames.apiUrl) };

export const handler = sqsConsumer(referralCreatedV1, (message, _metrics, requestId) => sendInvitation(deps, message, requestId));
