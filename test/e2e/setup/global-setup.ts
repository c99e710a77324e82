import { startRuntimeProcess } from '../../support/runtime-process';
import { E2E_WEB_ORIGIN, RUNTIME_LOG } from './runtime-process';

// Starts `npm start`'s program as its own process on free ports, as a developer would run it,
// and points the tests at it. Its output goes to a file the tests read back for leaks.
export default async function globalSetup(): Promise<void> {
  const runtime = await startRuntimeProcess(RUNTIME_LOG, { CORS_ORIGINS: E2E_WEB_ORIGIN });
  (globalThis as { e2eRuntime?: typeof runtime }).e2eRuntime = runtime;
  process.env.E2E_BASE_URL = runtime.url;
  process.env.E2E_DYNAMODB_ENDPOINT = runtime.endpoints.dynamodb;
  process.env.E2E_S3_ENDPOINT = runtime.endpoints.s3;
  process.env.E2E_SQS_ENDPOINT = runtime.endpoints.sqs;
}
