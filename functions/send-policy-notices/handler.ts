import { policyNoticesV1 } from '../../events/policy-notices';
import { emailDeliveries, noticeRecords, noticeTargets, notifiableAccounts, policyStore, suppressionList } from '../../shared/adapters/dynamo/stores';
import { emailSender } from '../../shared/adapters/ses/email-sender';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { messageVisibility } from '../../shared/adapters/sqs/message-visibility';
import { noticeQueue } from '../../shared/adapters/sqs/policy-notice-queue';
import { EnvNames, positiveIntEnv, requiredEnv } from '../../shared/config';
import { sqsConsumer } from '../../shared/jobs/sqs-consumer';
import { NOTICE_SHARE_OF_SEND_RATE } from '../../shared/policies/fan-out';
import { sendNotices } from '../../shared/policies/notices';
import { Pacer, perContainerRate } from '../../shared/policies/pacing';
import { planVersion } from '../../shared/policies/planner';
import declaration from './function';

/** What a message's work leaves of the function's timeout: no send or plan page starts later. */
const SAFETY_MARGIN_MS = 30_000;

const policies = policyStore();
const queue = noticeQueue();
const sesMaxSendRate = positiveIntEnv(EnvNames.sesMaxSendRate, 1);
const senderDeps = {
  versions: policies,
  targets: noticeTargets(),
  records: noticeRecords(),
  pipeline: { deliveries: emailDeliveries(), suppressions: suppressionList(), pseudonymiser: pseudonymiser(), sender: emailSender() },
  pacer: new Pacer(perContainerRate(sesMaxSendRate, NOTICE_SHARE_OF_SEND_RATE, declaration.reservedConcurrency)),
  apiUrl: requiredEnv(EnvNames.apiUrl),
};
const plannerDeps = { plans: policies, index: notifiableAccounts(), queue };

export const handler = sqsConsumer(
  policyNoticesV1,
  async (message, metrics) => {
    const deadline = Date.now() + declaration.timeoutSeconds * 1000 - SAFETY_MARGIN_MS;
    if (message.type === 'policy-notices.plan') {
      const outcome = await planVersion(plannerDeps, message.policyVersion, () => Date.now() < deadline);
      return `plan ${outcome.status}: ${outcome.planned} planned`;
    }
    const summary = await sendNotices(senderDeps, message, deadline);
    metrics.count('EmailsSent', summary.sent);
    return `sent ${summary.sent}, skipped ${summary.skipped}, failed ${summary.failed}, duplicate ${summary.duplicate}`;
  },
  // SES throttling postpones the message (a growing delay) rather than burn its receives.
  { postpone: messageVisibility() },
);
