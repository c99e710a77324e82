import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort } from '../../infra/local/ports';

const REPO_ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The readiness probe uses its own connection, closed after the answer: a fetch would leave a
// kept-alive socket in the process's shared pool, which the server closes after 5 idle seconds,
// and the tests' first POST (never retried) could be sent on it just as it closes.
const healthy = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const request = get(`${url}/health`, { agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });

export interface RuntimeProcess {
  url: string;
  /** The emulators' endpoints, for tests that must reach behind the API (a state no call can produce). */
  endpoints: { dynamodb: string; s3: string; sqs: string };
  pid: number;
  stop(): Promise<void>;
}

/** True while any process of the group `pgid` is alive. */
const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Ends a runtime's whole process group (Node and the DynamoDB Local JVM), as Ctrl-C in a terminal
 * does: SIGINT to the group, then SIGKILL if it has not gone within 15 s.
 */
const stopRuntimeProcess = async (pgid: number): Promise<void> => {
  if (!groupAlive(pgid)) return;
  process.kill(-pgid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) {
    process.stderr.write(`the local runtime did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGINT; killing it\n`);
    process.kill(-pgid, 'SIGKILL');
  }
};

/**
 * `npm start`'s program as its own process group on free ports, its output in `logFile`, for the
 * end-to-end tests and the load benchmark: the runtime a developer runs, called over HTTP.
 */
export const startRuntimeProcess = async (logFile: string, env: Record<string, string> = {}): Promise<RuntimeProcess> => {
  const port = await freePort();
  const emulatorPorts = { dynamodb: await freePort(), s3: await freePort(), sqs: await freePort(), ses: await freePort() };
  mkdirSync(dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      DYNAMODB_PORT: String(emulatorPorts.dynamodb),
      S3_PORT: String(emulatorPorts.s3),
      SQS_PORT: String(emulatorPorts.sqs),
      SES_PORT: String(emulatorPorts.ses),
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  const pid = child.pid!;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the local runtime exited (${child.exitCode}) before it was ready; see ${logFile}`);
    if (await healthy(url)) break;
    if (Date.now() > deadline) {
      await stopRuntimeProcess(pid);
      throw new Error(`the local runtime was not healthy within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`);
    }
    await sleep(200);
  }
  const endpoints = {
    dynamodb: `http://127.0.0.1:${emulatorPorts.dynamodb}`,
    s3: `http://127.0.0.1:${emulatorPorts.s3}`,
    sqs: `http://127.0.0.1:${emulatorPorts.sqs}`,
  };
  return { url, endpoints, pid, stop: () => stopRuntimeProcess(pid) };
};
