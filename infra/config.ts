import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { StandardThreatProtectionMode } from 'aws-cdk-lib/aws-cognito';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LOG_RETENTION_DAYS, S3_ACCESS_LOG_DAYS } from '../shared/privacy/retention';

export const stages = ['dev', 'prod'] as const;
export type Stage = (typeof stages)[number];

export const isStage = (value: unknown): value is Stage => stages.includes(value as Stage);

/** Everything that differs between stages, in one place. */
export interface StageConfig {
  stage: Stage;
  logs: {
    /** Function and API access logs; kept short because access logs hold client IP addresses. */
    retention: RetentionDays;
    /** Log groups are recreated with the stateless stack; prod keeps them for investigations. */
    removalPolicy: RemovalPolicy;
    /** The house logger's level (POWERTOOLS_LOG_LEVEL); also Lambda's application log level so the two never disagree. */
    level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  };
  /** How long S3 server access logs of the fax bucket are kept. */
  accessLogExpiration: Duration;
  api: {
    /** Default stage throttling, requests per second. */
    rateLimit: number;
    burstLimit: number;
    /**
     * Each public route's own throttling (sign-up, the available numbers, later rights requests and junk-fax reports):
     * tighter than the stage's, since anyone may call them and no authorizer stands in front.
     * API Gateway counts per route across all callers.
     */
    publicRoute: { rateLimit: number; burstLimit: number };
    /**
     * The fax gateways' routes' own throttling (ingest, uploads): sized for the faxes a second the
     * stage must take (README, "Sizing"), far above the stage's per-route default.
     */
    gatewayRoute: { rateLimit: number; burstLimit: number };
    /**
     * The web client's origins, the only ones CORS lets browsers call the API from (the policy
     * itself is `cors.ts`); from the deployment settings.
     */
    corsOrigins: readonly string[];
  };
  /** Whether functions get the concurrency their declarations reserve (infra/concurrency.ts). */
  reserveConcurrency: boolean;
  /**
   * The Lambda concurrent-executions quota of the stage's account and region (Service Quotas
   * L-B99A9384). A fresh account may have 10, too low to reserve anything; synthesis fails when
   * the reservations exceed it less the 100 AWS keeps unreserved.
   */
  accountConcurrencyQuota: number;
  alarms: {
    /** Who is told when an alarm fires or recovers (SNS email; confirm the subscription after deploying); from the deployment settings. */
    email: string;
    period: Duration;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    /** Function errors (and throttles) per period at which the alarm fires. */
    functionErrors: number;
    functionThrottles: number;
    /** API 5xx responses per period at which the alarm fires. */
    api5xx: number;
    /** How long the oldest message of a work queue may wait before its consumer is deemed stuck. */
    queueAge: Duration;
    /** Share of API responses that are 4xx, in percent per period, at which the alarm fires (a broken client, a probe). */
    api4xxPercent: number;
    /** API Gateway's own 429s (throttling, from the access log) per period at which the alarm fires. */
    api429: number;
    /** How long without one accepted fax fires the alarm; none where faxes are not expected (dev). */
    faxesStoppedAfter?: Duration;
    /** SES reputation (the configuration set's): AWS reviews an account at 5 % bounces and 0.1 % complaints; fire before. */
    sesBounceRate: number;
    sesComplaintRate: number;
    /** DynamoDB throttled requests (reads or writes, table or index) per period at which the alarm fires. */
    dynamoThrottles: number;
  };
  /**
   * The table's warm write throughput (write units a second it serves from the start): an
   * on-demand table starts at 4,000 and doubles past its previous peak, too slow for a burst of
   * faxes. None: DynamoDB's default.
   */
  tableWarmWritesPerSecond?: number;
  /** Cognito threat protection (Plus feature plan): audit in dev, block risky sign-ins in prod. */
  threatProtection: StandardThreatProtectionMode;
  /**
   * The SES account's maximum send rate in the stage's region (emails a second: 1 in the sandbox, 14
   * for a new production account, raised on request): the policy notices are paced under it
   * (`SES_MAX_SEND_RATE`; README, "Policy notices at a million accounts"). Raise it here when AWS raises the quota.
   */
  sesMaxSendRate: number;
  /** Sender of the backend's email (SES identity verified per account); from the deployment settings. */
  senderEmail: string;
  /** The administrators' address: overdue rights requests, junk-fax escalations (a team mailbox); from the deployment settings. */
  adminEmail: string;
  /**
   * Whether the sender's SES identity is verified (its DKIM records published): only then can the
   * user pool send through it; until then Cognito sends its own emails. From the deployment settings.
   */
  senderVerified: boolean;
}

/**
 * What belongs to the account a stage deploys to rather than to the code: its addresses and the
 * web client's origins. An operator supplies them as CDK context (infra/deployment.ts); only dev
 * has local defaults.
 */
export interface DeploymentSettings {
  senderEmail: string;
  adminEmail: string;
  alarmEmail: string;
  corsOrigins: readonly string[];
  senderVerified: boolean;
}

type StageTunables = Omit<StageConfig, 'senderEmail' | 'adminEmail' | 'senderVerified' | 'alarms' | 'api'> & {
  alarms: Omit<StageConfig['alarms'], 'email'>;
  api: Omit<StageConfig['api'], 'corsOrigins'>;
};

/** dev's settings when the context gives none: placeholders, so a sandbox deploys without a domain. */
export const DEV_DEFAULT_SETTINGS: DeploymentSettings = {
  senderEmail: 'no-reply@dev.fax.example.com',
  adminEmail: 'privacy-admins@dev.fax.example.com',
  alarmEmail: 'fax-alarms-dev@example.com',
  corsOrigins: ['https://app.dev.fax.example.com'],
  senderVerified: false,
};

const configs: Record<Stage, StageTunables> = {
  dev: {
    stage: 'dev',
    logs: { retention: LOG_RETENTION_DAYS.dev, removalPolicy: RemovalPolicy.DESTROY, level: 'DEBUG' },
    accessLogExpiration: Duration.days(S3_ACCESS_LOG_DAYS.dev),
    api: {
      rateLimit: 20,
      burstLimit: 40,
      publicRoute: { rateLimit: 2, burstLimit: 5 },
      gatewayRoute: { rateLimit: 50, burstLimit: 100 },
    },
    reserveConcurrency: false,
    accountConcurrencyQuota: 10,
    alarms: {
      period: Duration.minutes(5),
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      functionErrors: 5,
      functionThrottles: 5,
      api5xx: 5,
      queueAge: Duration.minutes(30),
      api4xxPercent: 25,
      api429: 20,
      sesBounceRate: 0.04,
      sesComplaintRate: 0.0008,
      dynamoThrottles: 5,
    },
    threatProtection: StandardThreatProtectionMode.AUDIT_ONLY,
    // The SES sandbox's rate.
    sesMaxSendRate: 1,
  },
  prod: {
    stage: 'prod',
    logs: { retention: LOG_RETENTION_DAYS.prod, removalPolicy: RemovalPolicy.RETAIN, level: 'INFO' },
    accessLogExpiration: Duration.days(S3_ACCESS_LOG_DAYS.prod),
    api: {
      rateLimit: 100,
      burstLimit: 200,
      publicRoute: { rateLimit: 10, burstLimit: 20 },
      // 1,000 faxes a second, 20 % above for retries; the burst absorbs a gateway's queue flushing.
      gatewayRoute: { rateLimit: 1200, burstLimit: 2400 },
    },
    reserveConcurrency: true,
    // The regional default of an established account; request it for a fresh one (README).
    accountConcurrencyQuota: 1000,
    alarms: {
      period: Duration.minutes(1),
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      functionErrors: 1,
      functionThrottles: 1,
      api5xx: 1,
      // Deliveries take seconds; five minutes of waiting means the consumer is failing or stuck.
      queueAge: Duration.minutes(5),
      api4xxPercent: 10,
      // One throttled minute is a peak; three of five (datapointsToAlarm) is a limit too low.
      api429: 1,
      // At every hour, not business hours only: at 10 M faxes a month (3.9 a second on average) even
      // the quietest night hour brings hundreds in 15 minutes; none means ingest or the gateways are down.
      faxesStoppedAfter: Duration.minutes(15),
      sesBounceRate: 0.04,
      sesComplaintRate: 0.0008,
      dynamoThrottles: 1,
    },
    // 1,000 faxes a second at about 12 write units each (ingest and delivery: README, "Throughput"),
    // served from the first one; a one-time charge when set, nothing after.
    tableWarmWritesPerSecond: 12_000,
    threatProtection: StandardThreatProtectionMode.FULL_FUNCTION,
    // A new production SES account's rate.
    sesMaxSendRate: 14,
  },
};

/** What the code decides for a stage, whatever the account: what the pre-deploy check reads. */
export const tunablesFor = (stage: Stage): StageTunables => configs[stage];

/** A stage's configuration: its tunables here, with the settings of the account it deploys to. */
export const configFor = (stage: Stage, settings: DeploymentSettings): StageConfig => {
  const { alarms, api, ...rest } = tunablesFor(stage);
  return {
    ...rest,
    alarms: { ...alarms, email: settings.alarmEmail },
    api: { ...api, corsOrigins: settings.corsOrigins },
    senderEmail: settings.senderEmail,
    adminEmail: settings.adminEmail,
    senderVerified: settings.senderVerified,
  };
};
