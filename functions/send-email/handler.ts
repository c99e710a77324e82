import { emailRequestedV1 } from '../../events/email-requested';
import { emailDeliveries, suppressionList } from '../../shared/adapters/dynamo/stores';
import { emailSender } from '../../shared/adapters/ses/email-sender';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { messageVisibility } from '../../shared/adapters/sqs/message-visibility';
import { sendRequestedEmail } from '../../shared/email/send';
import { sqsConsumer } from '../../shared/jobs/sqs-consumer';

const deps = {
  deliveries: emailDeliveries(),
  suppressions: suppressionList(),
  pseudonymiser: pseudonymiser(),
  sender: emailSender(),
};

export const handler = sqsConsumer(emailRequestedV1, async ({ type: _type, version: _version, ...request }, metrics) => {
  const outcome = await sendRequestedEmail(deps, request);
  if (outcome === 'sent' || outcome === 'sent_unmarked') metrics.count('EmailsSent');
  if (outcome === 'suppressed') metrics.count('EmailsSuppressed');
  return outcome;
  // SES throttling, quotas and pauses postpone the message (a growing delay) rather than burn its receives.
}, { postpone: messageVisibility() });
