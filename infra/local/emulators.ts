import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import startSes from 'aws-ses-v2-local';
import { createSqsServer } from 'local-aws-sqs';
import S3rver from 's3rver';
import { startCognitoFront } from './cognito-front';
import { assertPortFree, freePort } from './ports';

export interface EmulatorPorts {
  dynamodb: number;
  s3: number;
  sqs: number;
  ses: number;
  cognito: number;
}

export interface Emulators {
  endpoints: { dynamodb: string; s3: string; sqs: string; ses: string; cognito: string };
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 30_000;

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

// DynamoDB Local is AWS's own jar, shipped inside amplify-dynamodb-simulator; it runs on Java 17.
const startDynamoDbLocal = (port: number): ChildProcess => {
  const emulatorDir = join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const child = spawn(
    'java',
    [`-Djava.library.path=${join(emulatorDir, 'DynamoDBLocal_lib')}`, '-jar', join(emulatorDir, 'DynamoDBLocal.jar'), '-inMemory', '-port', String(port)],
    { cwd: emulatorDir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  child.on('error', (error) => {
    process.stderr.write(`DynamoDB Local could not start (is Java 17 installed?): ${error.message}\n`);
  });
  return child;
};

/** Ends a child process and waits until it has gone, so that its files can be removed. */
const stopChild = async (child: ChildProcess): Promise<void> => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
};

// cognito-local keeps its configuration and data under `.cognito/` of its working directory.
const startCognitoLocal = async (port: number, issuerDomain: string, directory: string): Promise<ChildProcess> => {
  await mkdir(join(directory, '.cognito'));
  // Its tokens name the endpoint clients reach it at as their issuer, as Cognito's name the pool's
  // URL. Its pools default to emailed usernames; ours are accountIds, as the stack declares.
  await writeFile(
    join(directory, '.cognito', 'config.json'),
    JSON.stringify({ ServerConfig: { hostname: HOST, port }, TokenConfig: { IssuerDomain: issuerDomain }, UserPoolDefaults: { UsernameAttributes: [] } }),
  );
  // Its request log (pino, on stdout) holds users' emails: it is not kept.
  const child = spawn(process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], {
    cwd: directory,
    env: { ...process.env, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('error', (error) => {
    process.stderr.write(`cognito-local could not start: ${error.message}\n`);
  });
  return child;
};

/** Waits until an emulator running as a child process answers `probe`, failing when it exits or after the timeout. */
const waitUntilAnswering = async (name: string, child: ChildProcess, probe: () => Promise<unknown>): Promise<void> => {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

const LOCAL_CLIENT_SETTINGS = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

const waitForDynamoDb = async (endpoint: string, child: ChildProcess): Promise<void> => {
  const client = new DynamoDBClient({ endpoint, ...LOCAL_CLIENT_SETTINGS });
  try {
    await waitUntilAnswering('DynamoDB Local', child, () => client.send(new ListTablesCommand({})));
  } finally {
    client.destroy();
  }
};

const waitForCognito = async (endpoint: string, child: ChildProcess): Promise<void> => {
  const client = new CognitoIdentityProviderClient({ endpoint, ...LOCAL_CLIENT_SETTINGS });
  try {
    await waitUntilAnswering('cognito-local', child, () => client.send(new ListUserPoolsCommand({ MaxResults: 1 })));
  } finally {
    client.destroy();
  }
};

/** Starts DynamoDB Local, s3rver, local-aws-sqs, aws-ses-v2-local and cognito-local; `stop` ends every one. */
export const startEmulators = async (ports: EmulatorPorts): Promise<Emulators> => {
  await assertPortFree(ports.dynamodb, 'DYNAMODB_PORT');
  await assertPortFree(ports.s3, 'S3_PORT');
  await assertPortFree(ports.sqs, 'SQS_PORT');
  await assertPortFree(ports.ses, 'SES_PORT');
  await assertPortFree(ports.cognito, 'COGNITO_PORT');
  const s3Directory = await mkdtemp(join(tmpdir(), 'fax-backend-s3-'));
  const cognitoDirectory = await mkdtemp(join(tmpdir(), 'fax-backend-cognito-'));
  // The two slowest to start, started first so they start side by side.
  const dynamodb = startDynamoDbLocal(ports.dynamodb);
  // cognito-local listens on a port of its own, behind the front on COGNITO_PORT (cognito-front.ts).
  const cognitoLocalPort = await freePort();
  const cognito = await startCognitoLocal(cognitoLocalPort, `http://${HOST}:${ports.cognito}`, cognitoDirectory);
  const endpoints = {
    dynamodb: `http://${HOST}:${ports.dynamodb}`,
    s3: `http://${HOST}:${ports.s3}`,
    sqs: `http://${HOST}:${ports.sqs}`,
    ses: `http://${HOST}:${ports.ses}`,
    cognito: `http://${HOST}:${ports.cognito}`,
  };
  const closers: (() => Promise<void>)[] = [];
  const stop = async () => {
    dynamodb.kill('SIGTERM');
    await stopChild(cognito);
    await Promise.all(closers.map((close) => close()));
    await rm(s3Directory, { recursive: true, force: true });
    await rm(cognitoDirectory, { recursive: true, force: true });
  };
  try {
    const s3 = new S3rver({ port: ports.s3, address: HOST, silent: true, directory: s3Directory });
    await s3.run();
    closers.push(() => s3.close());
    const sqs = await createSqsServer({ port: ports.sqs, hostname: HOST, emulateQueueCreationLifecycle: false });
    closers.push(() => closeServer(sqs));
    const ses = await startSes({ host: HOST, port: ports.ses });
    closers.push(() => closeServer(ses));
    const cognitoFront = await startCognitoFront(HOST, ports.cognito, { host: HOST, port: cognitoLocalPort });
    closers.push(() => {
      // Functions' SDK clients keep their connections alive; the front must not wait for them.
      cognitoFront.closeAllConnections();
      return closeServer(cognitoFront);
    });
    await Promise.all([waitForDynamoDb(endpoints.dynamodb, dynamodb), waitForCognito(endpoints.cognito, cognito)]);
    return { endpoints, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
