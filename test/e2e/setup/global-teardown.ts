import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as { e2eRuntime?: ChildProcess }).e2eRuntime;
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  await exited;
}
