import { sesFeedbackEvent, type SesFeedbackEvent } from '../../events/ses-feedback';
import { suppressionList } from '../../shared/adapters/dynamo/stores';
import { pseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { recordEmailFeedback, type EmailFeedback } from '../../shared/email/suppression';
import { sqsConsumer } from '../../shared/jobs/sqs-consumer';

const deps = { suppressions: suppressionList(), pseudonymiser: pseudonymiser() };

const feedbackOf = ({ detail }: SesFeedbackEvent): EmailFeedback =>
  detail.eventType === 'Bounce'
    ? { kind: 'bounce', bounceType: detail.bounce.bounceType, recipients: detail.bounce.bouncedRecipients.map((recipient) => recipient.emailAddress) }
    : { kind: 'complaint', recipients: detail.complaint.complainedRecipients.map((recipient) => recipient.emailAddress) };

export const handler = sqsConsumer(sesFeedbackEvent, async (event, metrics) => {
  const outcome = await recordEmailFeedback(deps, feedbackOf(event));
  if (outcome === 'suppressed') metrics.count('EmailAddressesSuppressed');
  return outcome;
});
