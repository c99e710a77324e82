import * as z from 'zod/mini';
import { schema } from '../shared/schema';

const recipients = /* @__PURE__ */ schema(() => z.array(z.object({ emailAddress: z.string() })));

/**
 * AWS's contract, not ours: an SES event of the sending configuration set (`Email Bounced`,
 * `Email Complaint Received`) as EventBridge puts it on the emailFeedback queue. Read loosely
 * (AWS adds fields); only what suppression needs is required.
 */
export const sesFeedbackEvent = /* @__PURE__ */ schema(() => z.object({
  source: z.literal('aws.ses'),
  detail: z.discriminatedUnion('eventType', [
    z.object({ eventType: z.literal('Bounce'), bounce: z.object({ bounceType: z.string(), bouncedRecipients: recipients }) }),
    z.object({ eventType: z.literal('Complaint'), complaint: z.object({ complainedRecipients: recipients }) }),
  ]),
}));
export type SesFeedbackEvent = z.infer<typeof sesFeedbackEvent>;

/** The EventBridge detail types of the SES events that feed the suppression list. */
export const SES_FEEDBACK_DETAIL_TYPES = ['Email Bounced', 'Email Complaint Received'];
