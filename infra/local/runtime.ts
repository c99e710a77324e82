import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { catalog } from '../../functions/catalog';
import { DynamoAccountStore } from '../../shared/adapters/dynamo/account-store';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { hmacPseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { startEmulators, type EmulatorPorts } from './emulators';
import { loadFunctions, triggeredBy } from './functions';
import { createHttpServer } from './http-server';
import { userPoolTokens } from '../../shared/adapters/cognito/id-tokens';
import { acceptingAlso, createLocalTokens } from './jwt';
import { SERVICE_NAME, metricsNamespace } from '../bindings';
import { provisionResources } from './provision';
import { pollQueue } from './queues';
import { startSchedules } from './schedules';
import { guardTable } from './table-guard';

export interface LocalRuntimeOptions {
  port: number;
  emulatorPorts: EmulatorPorts;
  /** The gateway webhook secret(s), `whsec_…`. */
  gatewayWebhookSecret: string;
  /** The origins CORS allows (a stage's are in its configuration). */
  corsOrigins: readonly string[];
  /** The pseudonymisation key (`HASH_KEY`; `LOCAL_HASH_KEY` unless set). */
  hashKey: string;
}

/** Where the runtime serves the API on `port`: functions link to it (`API_URL`), as deployed to the HTTP API's endpoint. */
const apiUrlOf = (port: number) => `http://localhost:${port}`;

/** The local runtime's pseudonymisation key: not a secret, so local digests are not pseudonymous. */
export const LOCAL_HASH_KEY = 'local-pseudonymisation-key-not-secret';

/** The pseudonymiser under the local key: digests and signed links as the local backend makes them. */
export const localPseudonymiser = () => hmacPseudonymiser(async () => LOCAL_HASH_KEY);

export interface LocalRuntime {
  url: string;
  endpoints: Record<string, string>;
  /** What a web client signs in with: the emulated pool (at `endpoints.cognito`) and its web client. */
  userPool: { id: string; clientId: string };
  stop(): Promise<void>;
}

// s3rver accepts requests signed with its own fixed key pair; the other emulators take any.
export const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

/**
 * The whole backend on one machine: emulators, the table, bucket and queues the stacks declare,
 * every declared function behind its trigger (HTTP routes, queue pollers, schedule timers).
 * Handlers run unchanged; only the endpoints differ.
 */
export const startLocalRuntime = async (options: LocalRuntimeOptions): Promise<LocalRuntime> => {
  const emulators = await startEmulators(options.emulatorPorts);
  const stoppers: (() => Promise<void> | void)[] = [() => emulators.stop()];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne();
  };
  try {
    // What every function gets in AWS from the Lambda environment, pointed at the emulators.
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      ...LOCAL_CREDENTIALS,
      AWS_ENDPOINT_URL_DYNAMODB: emulators.endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: emulators.endpoints.s3,
      AWS_ENDPOINT_URL_SQS: emulators.endpoints.sqs,
      AWS_ENDPOINT_URL_SESV2: emulators.endpoints.ses,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emulators.endpoints.cognito,
      S3_FORCE_PATH_STYLE: 'true',
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
      // Business metrics print as EMF lines among the logs.
      POWERTOOLS_METRICS_NAMESPACE: metricsNamespace('local'),
    });
    const dynamodb = new DynamoDBClient({});
    const s3 = new S3Client({ forcePathStyle: true });
    const sqs = new SQSClient({});
    const cognito = new CognitoIdentityProviderClient({});
    stoppers.push(() => [dynamodb, s3, sqs, cognito].forEach((client) => client.destroy()));
    const names = await provisionResources(
      { dynamodb, s3, sqs, cognito },
      catalog,
      { gatewayWebhookSecret: options.gatewayWebhookSecret, hashKey: options.hashKey },
      emulators.endpoints.cognito,
      apiUrlOf(options.port),
    );

    // The functions' table client refuses what their IAM policies would in AWS.
    guardTable(documentClient);
    const functions = await loadFunctions(catalog, names);
    for (const consumer of triggeredBy(functions, 'queue')) {
      const poller = pollQueue(sqs, names.queueUrls[consumer.declaration.trigger.queue], consumer);
      stoppers.push(() => poller.stop());
    }
    const schedules = startSchedules(triggeredBy(functions, 'schedule'));
    stoppers.push(() => schedules.stop());

    const server = createHttpServer({
      functions: triggeredBy(functions, 'http'),
      // Like the deployed JWT authorizer, the emulated pool's tokens; and the `/_local/token` shortcut's.
      tokens: acceptingAlso(
        await createLocalTokens(),
        userPoolTokens({ issuer: names.userPoolIssuer, clientId: names.userPoolClientId }),
      ),
      accounts: new DynamoAccountStore(documentClient, names.tableName),
      schedules,
      sesEndpoint: emulators.endpoints.ses,
      corsOrigins: options.corsOrigins,
    });
    server.listen(options.port, '127.0.0.1');
    await once(server, 'listening');
    stoppers.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: apiUrlOf(port),
      endpoints: emulators.endpoints,
      userPool: { id: names.userPoolId, clientId: names.userPoolClientId },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
