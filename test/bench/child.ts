import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { HarnessResult } from './harness';
import { RESULT_PREFIX } from './harness-protocol';

export interface ChildRun extends HarnessResult {
  /** From just before `spawn` to the harness's result line: what a cold start costs end to end. */
  wallMs: number;
  /** Anything the function logged (POWERTOOLS_LOG_LEVEL=WARN, so normally nothing). */
  stderr: string;
}

const CHILD_TIMEOUT_MS = 30_000;

// The AWS SDK warns at client creation on Node < 22. Lambda runs Node 22, so the warning belongs
// to this machine, not to the function: the bench reports it once instead of per child.
const SDK_NODE_VERSION_WARNING =
  /\(node:\d+\) Warning: NodeVersionSupportWarning:[\s\S]*?\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)\n?/g;

/** Splits a child's stderr into the known Node-version warning of the SDK and everything else. */
export const knownNoise = (stderr: string): { sdkNodeVersionWarning: boolean; rest: string } => {
  const rest = stderr.replace(SDK_NODE_VERSION_WARNING, '');
  return { sdkNodeVersionWarning: rest !== stderr, rest: rest.trim() };
};
const running = new Set<ChildProcess>();

/** The harness's result, once its whole line is in; the function's own lines (EMF metrics) are skipped. */
const resultLine = (stdout: string): string | undefined => {
  const start = stdout.indexOf(`\n${RESULT_PREFIX}`);
  const end = start === -1 ? -1 : stdout.indexOf('\n', start + 1);
  return end === -1 ? undefined : stdout.slice(start + 1 + RESULT_PREFIX.length, end);
};

/** Ends the children still running (on Ctrl-C or a failure elsewhere). */
export const killChildren = (): void => {
  for (const child of running) child.kill('SIGKILL');
};

/**
 * Starts a fresh Node process with only `env` (plus PATH), imports the bundle in it and invokes
 * the handler with each event in turn; resolves with the harness's measurements.
 */
export const runInFreshNode = (
  harness: string,
  bundle: string,
  events: unknown[],
  env: Record<string, string>,
  /** The function's configured timeout, which the Lambda context counts down from (not the bench's watchdog). */
  functionTimeoutMs = 30_000,
): Promise<ChildRun> =>
  new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let wallMs: number | undefined;
    const start = performance.now();
    const child = spawn(process.execPath, [harness, bundle, JSON.stringify(events), String(functionTimeoutMs)], {
      cwd: dirname(bundle),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${bundle}: no result within ${CHILD_TIMEOUT_MS} ms\n${stderr}`));
    }, CHILD_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (wallMs === undefined && resultLine(stdout) !== undefined) wallMs = performance.now() - start;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (code !== 0 || wallMs === undefined) {
        reject(new Error(`${bundle}: child exited with ${signal ?? code}\n${stderr.trim()}`));
        return;
      }
      resolve({ ...(JSON.parse(resultLine(stdout)!) as HarnessResult), wallMs, stderr });
    });
  });
