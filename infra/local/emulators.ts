import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import startSes from 'aws-ses-v2-local';
import { createSqsServer } from 'local-aws-sqs';
import S3rver from 's3rver';
import { assertPortFree } from './ports';

export interface EmulatorPorts {
  dynamodb: number;
  s3: number;
  sqs: number;
  ses: number;
}

export interface Emulators {
  endpoints: { dynamodb: string; s3: string; sqs: string; ses: string };
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

const waitForDynamoDb = async (endpoint: string, child: ChildProcess): Promise<void> => {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
};

/** Starts DynamoDB Local, s3rver, local-aws-sqs and aws-ses-v2-local; `stop` ends every one. */
export const startEmulators = async (ports: EmulatorPorts): Promise<Emulators> => {
  await assertPortFree(ports.dynamodb, 'DYNAMODB_PORT');
  await assertPortFree(ports.s3, 'S3_PORT');
  await assertPortFree(ports.sqs, 'SQS_PORT');
  await assertPortFree(ports.ses, 'SES_PORT');
  const s3Directory = await mkdtemp(join(tmpdir(), 'fax-backend-s3-'));
  const dynamodb = startDynamoDbLocal(ports.dynamodb);
  const endpoints = {
    dynamodb: `http://${HOST}:${ports.dynamodb}`,
    s3: `http://${HOST}:${ports.s3}`,
    sqs: `http://${HOST}:${ports.sqs}`,
    ses: `http://${HOST}:${ports.ses}`,
  };
  const closers: (() => Promise<void>)[] = [];
  const stop = async () => {
    dynamodb.kill('SIGTERM');
    await Promise.all(closers.map((close) => close()));
    await rm(s3Directory, { recursive: true, force: true });
  };
  try {
    const s3 = new S3rver({ port: ports.s3, address: HOST, silent: true, directory: s3Directory });
    await s3.run();
    closers.push(() => s3.close());
    const sqs = await createSqsServer({ port: ports.sqs, hostname: HOST, emulateQueueCreationLifecycle: false });
    closers.push(() => closeServer(sqs));
    const ses = await startSes({ host: HOST, port: ports.ses });
    closers.push(() => closeServer(ses));
    await waitForDynamoDb(endpoints.dynamodb, dynamodb);
    return { endpoints, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
