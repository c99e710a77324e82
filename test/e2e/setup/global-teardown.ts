import type { RuntimeProcess } from '../../support/runtime-process';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { e2eRuntime?: RuntimeProcess }).e2eRuntime?.stop();
}
