// Fixtures of the email pipeline: its environment, `email.requested` messages, SES's answers and
// SES bounce and complaint events as EventBridge puts them on the emailFeedback queue.
import { createHmac } from 'node:crypto';
import { SESv2ServiceException } from '@aws-sdk/client-sesv2';
import type { EmailRequestedV1 } from '../../events/email-requested';
import { TABLE_NAME } from './accounts';
import { useOfflineAwsCredentials } from './aws';
import { HASH_KEY } from './faxes';
import { useMetricsNamespace } from './metrics';

export const EMAIL_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/fax-backend-unit-emails';
export const SENDER = 'no-reply@fax.unit.test';
export const CONFIGURATION_SET = 'fax-backend-unit-emails';
export const RECIPIENT = 'Ana.Ruiz@Acme.test';
export const TEMPORARY_PASSWORD = 'Tmp-Pa55word!x';
export const MESSAGE_ID = 'invite-acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH';

/** What the email functions are bound to, offline. */
export const useEmailEnvironment = (): void => {
  useOfflineAwsCredentials();
  useMetricsNamespace();
  Object.assign(process.env, {
    TABLE_NAME,
    HASH_KEY,
    EMAIL_QUEUE_URL,
    EMAIL_SENDER: SENDER,
    EMAIL_CONFIGURATION_SET: CONFIGURATION_SET,
  });
};

/** A login invitation's `email.requested` v1 message. */
export const invitation = (overrides: Partial<EmailRequestedV1> = {}): EmailRequestedV1 =>
  ({
    type: 'email.requested',
    version: 1,
    messageId: MESSAGE_ID,
    to: RECIPIENT,
    template: 'login-invitation',
    params: { username: 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH', temporaryPassword: TEMPORARY_PASSWORD },
    ...overrides,
  }) as EmailRequestedV1;

export const deliveryMarkerKey = (messageId = MESSAGE_ID) => ({ PK: `EMAILSENT#${messageId}`, SK: 'DELIVERY' });

/** The suppression item's key of an address: HMAC under the unit pseudonymisation key of its lower-cased, trimmed form. */
export const suppressionKey = (address: string) => ({
  PK: `SUPPRESSED#${createHmac('sha256', HASH_KEY).update(JSON.stringify(['email-suppression-v1', address.trim().toLowerCase()])).digest('base64url')}`,
  SK: 'SUPPRESSION',
});

/** SES throttling the account's sending rate. */
export const sesThrottled = () =>
  new SESv2ServiceException({ name: 'TooManyRequestsException', $fault: 'client', message: 'Too many requests.', $metadata: { httpStatusCode: 429 } });

const mail = (destination: string[]) => ({
  timestamp: '2026-11-28T10:00:00.000Z',
  source: SENDER,
  sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/fax.unit.test',
  sendingAccountId: '123456789012',
  messageId: '0100018c1a2b3c4d-5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b-000000',
  destination,
  headersTruncated: false,
  tags: { 'ses:configuration-set': [CONFIGURATION_SET], 'ses:source-ip': ['203.0.113.7'] },
});

const envelope = (detailType: string, detail: object) => ({
  version: '0',
  id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  'detail-type': detailType,
  source: 'aws.ses',
  account: '123456789012',
  time: '2026-11-28T10:00:05Z',
  region: 'us-east-1',
  resources: [`arn:aws:ses:us-east-1:123456789012:configuration-set/${CONFIGURATION_SET}`],
  detail,
});

/** `Email Bounced`, as SES publishes it to EventBridge (after the SNS/Firehose examples of its guide). */
export const bounceEvent = (bounceType: 'Permanent' | 'Transient' | 'Undetermined', recipients: string[]) =>
  envelope('Email Bounced', {
    eventType: 'Bounce',
    bounce: {
      bounceType,
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      bouncedRecipients: recipients.map((emailAddress) => ({
        emailAddress,
        action: 'failed',
        status: bounceType === 'Permanent' ? '5.1.1' : '4.2.2',
        diagnosticCode: bounceType === 'Permanent' ? 'smtp; 550 5.1.1 user unknown' : 'smtp; 452 4.2.2 mailbox full',
      })),
      timestamp: '2026-11-28T10:00:04.669Z',
      feedbackId: '0100018c1a2b3c4d-feedback-000000',
      reportingMTA: 'dsn; a8-70.smtp-out.amazonses.com',
    },
    mail: mail(recipients),
  });

/** `Email Complaint Received`, likewise. */
export const complaintEvent = (recipients: string[]) =>
  envelope('Email Complaint Received', {
    eventType: 'Complaint',
    complaint: {
      complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
      timestamp: '2026-11-28T10:05:00.000Z',
      feedbackId: '0100018c1a2b3c4d-complaint-000000',
      userAgent: 'Mozilla/5.0',
      complaintFeedbackType: 'abuse',
      arrivalDate: '2026-11-28T10:04:59.000Z',
    },
    mail: mail(recipients),
  });
