import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../../infra/local/ports';
import { RUNTIME_LOG } from './runtime-process';

const READY_TIMEOUT_MS = 60_000;

// Starts `npm start`'s program as its own process on free ports, as a developer would run it,
// and points the tests at it. Its output goes to a file the tests read back for leaks.
export default async function globalSetup(): Promise<void> {
  const port = await freePort();
  mkdirSync(join(RUNTIME_LOG, '..'), { recursive: true });
  const log = openSync(RUNTIME_LOG, 'w');
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'infra/local/start.ts'], {
    cwd: join(__dirname, '..', '..', '..'),
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_PORT: String(await freePort()),
      S3_PORT: String(await freePort()),
      SQS_PORT: String(await freePort()),
      SES_PORT: String(await freePort()),
    },
    stdio: ['ignore', log, log],
  });
  (globalThis as { e2eRuntime?: typeof child }).e2eRuntime = child;
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`local runtime exited (${child.exitCode}); see ${RUNTIME_LOG}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`local runtime not healthy within ${READY_TIMEOUT_MS} ms; see ${RUNTIME_LOG}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  process.env.E2E_BASE_URL = baseUrl;
}
