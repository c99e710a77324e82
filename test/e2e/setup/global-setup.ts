import { startRuntimeProcess } from '../../support/runtime-process';
import { E2E_WEB_ORIGIN, RUNTIME_LOG } from './runtime-process';

// Starts `npm start`'s program as its own process on free ports, as a developer would run it,
// and points the tests at it. Its output goes to a file the tests read back for leaks.
export default async function globalSetup(): Promise<void> {
  // Every test signs up from 127.0.0.1: the per-source limit (5 a day) would refuse the suite's
  // own sign-ups. The per-email limit stays as deployed (test/e2e/sign-up-limits.test.ts).
  const runtime = await startRuntimeProcess(RUNTIME_LOG, { CORS_ORIGINS: E2E_WEB_ORIGIN, SIGN_UPS_PER_SOURCE_PER_DAY: '100000' });
  (globalThis as { e2eRuntime?: typeof runtime }).e2eRuntime = runtime;
  process.env.E2E_BASE_URL = runtime.url;
  process.env.E2E_DYNAMODB_ENDPOINT = runtime.endpoints.dynamodb;
  process.env.E2E_S3_ENDPOINT = runtime.endpoints.s3;
  process.env.E2E_SQS_ENDPOINT = runtime.endpoints.sqs;
  process.env.E2E_COGNITO_ENDPOINT = runtime.endpoints.cognito;
}
