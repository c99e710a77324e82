import type { FunctionAccess } from '../functions/declaration';
import { EnvNames } from '../shared/config';
import { queues, type QueueName } from './resources';

/** The service name every function logs and counts under (the `service` of its log lines and metrics). */
export const SERVICE_NAME = 'fax-backend';

/** The CloudWatch namespace of a stage's business metrics (shared/metrics.ts); the dashboard reads it. */
export const metricsNamespace = (stage: string): string => `FaxBackend/${stage}`;

/**
 * What every function's environment holds besides its bindings, in AWS and in the benchmark. No
 * `--enable-source-maps`: Node would index every bundle's map at each cold start; the logger maps
 * the stack of an error it logs instead (shared/stack-traces.ts).
 */
export const houseEnvironment = (logLevel: string, stage: string): Record<string, string> => ({
  POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
  POWERTOOLS_LOG_LEVEL: logLevel,
  POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(stage),
});

/** The names of the resources a function can be bound to: CDK tokens in AWS, plain names locally. */
export interface ResourceNames {
  tableName: string;
  faxBucketName: string;
  exportBucketName: string;
  /** The HTTP API's base URL, no trailing slash (the API's endpoint deployed; the runtime's URL locally). */
  apiUrl: string;
  queueUrls: Record<QueueName, string>;
  /** In AWS the secret's ARN (read at run time); locally the secret itself. */
  webhookSecret: SecretBinding;
  /** The pseudonymisation key, likewise. */
  hashKey: SecretBinding;
  /** The sender address and SES configuration set of every email, the administrators' address, and the SES account's send rate (emails a second). */
  email: { sender: string; configurationSet: string; admins: string; maxSendRate: number };
  userPoolId: string;
  /** The user pool's token issuer and web client, for functions that check ID tokens themselves. */
  userPoolIssuer: string;
  userPoolClientId: string;
}

/** A Cognito user pool's token issuer (`iss`), at its endpoint: AWS's regional one, or the emulator's. */
export const userPoolIssuer = (endpoint: string, userPoolId: string): string => `${endpoint}/${userPoolId}`;

type SecretBinding = { arn: string } | { value: string };

const secretEnvironment = (secret: SecretBinding, names: { arnEnv: string; valueEnv: string }): Record<string, string> =>
  'arn' in secret ? { [names.arnEnv]: secret.arn } : { [names.valueEnv]: secret.value };

/** The environment a function's declared access implies; the stacks and the local runtime both use it. */
export const environmentFor = (access: FunctionAccess, names: ResourceNames): Record<string, string> => ({
  ...(access.table ? { [EnvNames.table]: names.tableName } : {}),
  ...(access.faxBucket ? { [EnvNames.faxBucket]: names.faxBucketName } : {}),
  ...(access.exportBucket ? { [EnvNames.exportBucket]: names.exportBucketName } : {}),
  ...(access.apiUrl ? { [EnvNames.apiUrl]: names.apiUrl } : {}),
  ...Object.fromEntries((access.sendTo ?? []).map((queue) => [queues[queue].urlEnv, names.queueUrls[queue]])),
  ...(access.webhookSecret ? secretEnvironment(names.webhookSecret, { arnEnv: EnvNames.webhookSecretArn, valueEnv: EnvNames.webhookSecretValue }) : {}),
  ...(access.hashKey ? secretEnvironment(names.hashKey, { arnEnv: EnvNames.hashKeyArn, valueEnv: EnvNames.hashKeyValue }) : {}),
  ...(access.sendEmail
    ? { [EnvNames.emailSender]: names.email.sender, [EnvNames.emailConfigurationSet]: names.email.configurationSet, [EnvNames.sesMaxSendRate]: String(names.email.maxSendRate) }
    : {}),
  ...(access.notifyAdmins ? { [EnvNames.adminEmail]: names.email.admins } : {}),
  ...(access.logins?.length ? { [EnvNames.userPoolId]: names.userPoolId } : {}),
  ...(access.idTokens ? { [EnvNames.userPoolIssuer]: names.userPoolIssuer, [EnvNames.userPoolClientId]: names.userPoolClientId } : {}),
});
