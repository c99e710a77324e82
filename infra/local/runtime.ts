import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { catalog } from '../../functions/catalog';
import { DynamoAccountStore } from '../../shared/adapters/dynamo/account-store';
import { documentClient } from '../../shared/adapters/dynamo/client';
import type { ResourceNames } from '../bindings';
import { startEmulators, type EmulatorPorts } from './emulators';
import { loadFunctions } from './functions';
import { createHttpServer } from './http-server';
import { createLocalTokens } from './jwt';
import { createTable } from './provision';

export interface LocalRuntimeOptions {
  port: number;
  emulatorPorts: EmulatorPorts;
}

export interface LocalRuntime {
  url: string;
  endpoints: Record<string, string>;
  stop(): Promise<void>;
}

const LOCAL_NAMES: ResourceNames = { tableName: 'fax-backend-local' };

/**
 * The whole backend on one machine: emulators, the table the stacks declare, every declared
 * function behind an HTTP API look-alike. Handlers run unchanged; only the endpoints differ.
 */
export const startLocalRuntime = async (options: LocalRuntimeOptions): Promise<LocalRuntime> => {
  const emulators = await startEmulators(options.emulatorPorts);
  try {
    // What every function gets in AWS from the Lambda environment, pointed at the emulators.
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: emulators.endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: emulators.endpoints.s3,
      AWS_ENDPOINT_URL_SQS: emulators.endpoints.sqs,
      AWS_ENDPOINT_URL_SESV2: emulators.endpoints.ses,
      POWERTOOLS_SERVICE_NAME: 'fax-backend',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    });
    const admin = new DynamoDBClient({});
    await createTable(admin, LOCAL_NAMES.tableName);
    admin.destroy();

    const functions = await loadFunctions(catalog, LOCAL_NAMES);
    const server = createHttpServer({
      functions,
      tokens: await createLocalTokens(),
      accounts: new DynamoAccountStore(documentClient, LOCAL_NAMES.tableName),
      sesEndpoint: emulators.endpoints.ses,
    });
    server.listen(options.port, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://localhost:${port}`,
      endpoints: emulators.endpoints,
      stop: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await emulators.stop();
      },
    };
  } catch (error) {
    await emulators.stop();
    throw error;
  }
};
