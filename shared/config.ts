import { ConfigurationError } from './errors';

/** Reads a required environment variable, failing loudly at container start when it is missing. */
export const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new ConfigurationError(name);
  return value;
};

/** Reads an optional whole-number setting (at least 1), failing loudly at container start when it is not one. */
export const positiveIntEnv = (name: string, fallback: number): number => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new ConfigurationError(name);
  return Number(value);
};

/** The environment variables functions are configured with; CDK bindings and the local runtime set them. */
export const EnvNames = {
  table: 'TABLE_NAME',
  faxBucket: 'FAX_BUCKET_NAME',
  /** The exports bucket: access and portability exports. */
  exportBucket: 'EXPORT_BUCKET_NAME',
  /** The HTTP API's base URL (no trailing slash): links in exports and emails point at its routes. */
  apiUrl: 'API_URL',
  faxQueue: 'FAX_QUEUE_URL',
  accountsQueue: 'ACCOUNTS_QUEUE_URL',
  emailQueue: 'EMAIL_QUEUE_URL',
  rightsQueue: 'RIGHTS_QUEUE_URL',
  referralInvitationsQueue: 'REFERRAL_INVITATIONS_QUEUE_URL',
  /** The policy notices' fan-out: plan continuations and batches of accounts to notify. */
  policyNoticesQueue: 'POLICY_NOTICES_QUEUE_URL',
  /** The SES account's maximum send rate, emails a second (the stage's quota): the notices are paced under it. */
  sesMaxSendRate: 'SES_MAX_SEND_RATE',
  /** The address emails are sent from (the stage's `senderEmail`). */
  emailSender: 'EMAIL_SENDER',
  /** Where emails to the service's administrators go (rights deadlines, junk-fax escalations): the stage's `adminEmail`. */
  adminEmail: 'ADMIN_EMAIL',
  /** Distinct reporters within 30 days that escalate a junk-fax case (default 3). */
  junkFaxThreshold: 'JUNK_FAX_THRESHOLD',
  /** Days a customer told of a legal request has to move to quash it (default 14). */
  legalQuashDays: 'LEGAL_QUASH_DAYS',
  /** Days a produced legal request keeps holding its subject's data (default 30). */
  legalHoldDaysAfter: 'LEGAL_HOLD_DAYS_AFTER',
  /** Sign-ups a day from one source address (default 5). */
  signUpsPerSourcePerDay: 'SIGN_UPS_PER_SOURCE_PER_DAY',
  /** The SES configuration set every email is sent with (it publishes bounces and complaints). */
  emailConfigurationSet: 'EMAIL_CONFIGURATION_SET',
  webhookSecretArn: 'GATEWAY_WEBHOOK_SECRET_ARN',
  /** Local runtime only: the secret itself, instead of its ARN. */
  webhookSecretValue: 'GATEWAY_WEBHOOK_SECRET',
  hashKeyArn: 'HASH_KEY_SECRET_ARN',
  /** Local runtime only: the pseudonymisation key itself, instead of its ARN. */
  hashKeyValue: 'HASH_KEY',
  /** The Cognito user pool holding customers' logins. */
  userPoolId: 'USER_POOL_ID',
  /** The user pool's token issuer (`https://cognito-idp.<region>.amazonaws.com/<pool id>`) and web client: an optional route's own JWT check. */
  userPoolIssuer: 'USER_POOL_ISSUER',
  userPoolClientId: 'USER_POOL_CLIENT_ID',
} as const;
