import { ACCOUNT_ID_ATTRIBUTE, ADMIN_GROUP } from '../shared/accounts/logins';
import { PASSWORD_POLICY } from '../shared/accounts/password-policy';
import { EnvNames } from '../shared/config';

// The stateful resources' shapes, in one place: the CDK stateful stack builds them in AWS and the
// local runtime creates them on the emulators, so both run the same keys and indexes.

/**
 * The single table: keys, two overloaded global secondary indexes (GSI1: by person and by
 * expiry day; GSI2: work queues by status, pending gateway receipts among them) and the TTL attribute. See
 * shared/adapters/dynamo/DATA-MODEL.md for what each key holds.
 */
export const tableSchema = {
  partitionKey: 'PK',
  sortKey: 'SK',
  globalIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
  ttlAttribute: 'expiresAtEpoch',
} as const;

interface QueueSettings {
  maxReceiveCount: number;
  /** Where a function that sends to the queue finds its URL; none where only AWS sends to it. */
  urlEnv?: string;
}

/**
 * The SQS queues, each with a dead-letter queue. A message is tried `maxReceiveCount` times
 * before it is dead-lettered; the visibility timeout follows from the consumer's timeout.
 */
export const queues = {
  faxAccepted: { maxReceiveCount: 5, urlEnv: EnvNames.faxQueue },
  /** Work on accounts' logins (`account.created`). */
  accounts: { maxReceiveCount: 5, urlEnv: EnvNames.accountsQueue },
  /** `email.requested` events: the one email pipeline's entrance. */
  emails: { maxReceiveCount: 5, urlEnv: EnvNames.emailQueue },
  /** SES bounces and complaints (EventBridge puts them here in AWS); they feed the suppression list. */
  emailFeedback: { maxReceiveCount: 5 },
  /** Verified privacy rights requests (`rights-request.verified`) awaiting fulfilment. */
  rightsRequests: { maxReceiveCount: 5, urlEnv: EnvNames.rightsQueue },
  /** Referrals just made (`referral.created`): every one, invited or not, so that each POST /referrals does the same work. */
  referralInvitations: { maxReceiveCount: 5, urlEnv: EnvNames.referralInvitationsQueue },
  /** The policy notices' fan-out (`policy-notices.plan`, `policy-notices.send`: ids only). */
  policyNotices: { maxReceiveCount: 5, urlEnv: EnvNames.policyNoticesQueue },
} as const satisfies Record<string, QueueSettings>;
export type QueueName = keyof typeof queues;
/** The queues a function may send to: those with a URL variable. */
export type SendableQueue = { [Name in QueueName]: (typeof queues)[Name] extends { urlEnv: string } ? Name : never }[QueueName];

/**
 * The user pool of customers' and administrators' logins: usernames are accountIds (the backend
 * creates every login, Cognito's own sign-up and invitation are off), a verified email signs in as
 * an alias, and `custom:accountId` is set once by the backend and never by a client.
 */
export const userPoolSchema = {
  aliasAttributes: ['email'],
  /** Custom attributes, all immutable: set when the backend creates the login, never after. */
  customAttributes: [ACCOUNT_ID_ATTRIBUTE],
  passwordPolicy: PASSWORD_POLICY,
  groups: [{ name: ADMIN_GROUP, description: 'Administrators: rights requests, junk-fax cases, legal requests' }],
  /** The web client: no secret (it runs in browsers); reads its own claims, writes no attribute. */
  webClient: {
    readAttributes: ['email', 'email_verified', `custom:${ACCOUNT_ID_ATTRIBUTE}`],
    writeAttributes: [] as string[],
    tokenValidity: { idTokenHours: 1, accessTokenHours: 1, refreshTokenDays: 30 },
  },
} as const;
