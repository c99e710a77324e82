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
     * The web client's origins, the only ones CORS lets browsers call the API from (the policy
     * itself is `cors.ts`). Placeholders until the web client's hosts are known: set them before
     * deploying.
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
    /** Who is told when an alarm fires or recovers (SNS email; confirm the subscription after deploying). */
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
  };
  /** Cognito threat protection (Plus feature plan): audit in dev, block risky sign-ins in prod. */
  threatProtection: StandardThreatProtectionMode;
  /** Sender of the backend's email (SES identity verified per account). */
  senderEmail: string;
  /** The administrators' address: overdue rights requests, junk-fax escalations (a team mailbox). */
  adminEmail: string;
}

const configs: Record<Stage, StageConfig> = {
  dev: {
    stage: 'dev',
    logs: { retention: LOG_RETENTION_DAYS.dev, removalPolicy: RemovalPolicy.DESTROY, level: 'DEBUG' },
    accessLogExpiration: Duration.days(S3_ACCESS_LOG_DAYS.dev),
    api: {
      rateLimit: 20,
      burstLimit: 40,
      publicRoute: { rateLimit: 2, burstLimit: 5 },
      corsOrigins: ['https://app.dev.fax.example.com'],
    },
    reserveConcurrency: false,
    accountConcurrencyQuota: 10,
    alarms: {
      email: 'fax-alarms-dev@example.com',
      period: Duration.minutes(5),
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      functionErrors: 5,
      functionThrottles: 5,
      api5xx: 5,
      queueAge: Duration.minutes(30),
    },
    threatProtection: StandardThreatProtectionMode.AUDIT_ONLY,
    senderEmail: 'no-reply@dev.fax.example.com',
    adminEmail: 'privacy-admins@dev.fax.example.com',
  },
  prod: {
    stage: 'prod',
    logs: { retention: LOG_RETENTION_DAYS.prod, removalPolicy: RemovalPolicy.RETAIN, level: 'INFO' },
    accessLogExpiration: Duration.days(S3_ACCESS_LOG_DAYS.prod),
    api: {
      rateLimit: 100,
      burstLimit: 200,
      publicRoute: { rateLimit: 10, burstLimit: 20 },
      corsOrigins: ['https://app.fax.example.com'],
    },
    reserveConcurrency: true,
    // The regional default of an established account; request it for a fresh one (README).
    accountConcurrencyQuota: 1000,
    alarms: {
      email: 'fax-alarms@example.com',
      period: Duration.minutes(1),
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      functionErrors: 1,
      functionThrottles: 1,
      api5xx: 1,
      // Deliveries take seconds; five minutes of waiting means the consumer is failing or stuck.
      queueAge: Duration.minutes(5),
    },
    threatProtection: StandardThreatProtectionMode.FULL_FUNCTION,
    senderEmail: 'no-reply@fax.example.com',
    adminEmail: 'privacy-admins@fax.example.com',
  },
};

export const configFor = (stage: Stage): StageConfig => configs[stage];
