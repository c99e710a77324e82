import { corsOriginsFrom } from './cors';
import { LOCAL_HASH_KEY, startLocalRuntime } from './runtime';

// `npm start`: the whole backend on local emulators until Ctrl-C. Ports come from the environment.
const port = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new Error(`${name} must be a port number`);
  return value;
};

// API.md's documented local default, so gateway simulators work out of the box.
const DEFAULT_GATEWAY_WEBHOOK_SECRET = 'whsec_bG9jYWwtZGV2LWdhdGV3YXktc2VjcmV0LTAwMDE=';

const main = async () => {
  const startedAt = Date.now();
  const runtime = await startLocalRuntime({
    port: port('PORT', 3000),
    emulatorPorts: {
      dynamodb: port('DYNAMODB_PORT', 8000),
      s3: port('S3_PORT', 4569),
      sqs: port('SQS_PORT', 9324),
      ses: port('SES_PORT', 8005),
      cognito: port('COGNITO_PORT', 9229),
    },
    gatewayWebhookSecret: process.env.GATEWAY_WEBHOOK_SECRET ?? DEFAULT_GATEWAY_WEBHOOK_SECRET,
    corsOrigins: corsOriginsFrom(process.env.CORS_ORIGINS),
    hashKey: process.env.HASH_KEY ?? LOCAL_HASH_KEY,
  });
  process.stdout.write(
    [
      `fax backend ready in ${Date.now() - startedAt} ms`,
      `  API          ${runtime.url}   (try ${runtime.url}/health)`,
      ...Object.entries(runtime.endpoints).map(([name, endpoint]) => `  ${name.padEnd(12)} ${endpoint}`),
      `  user pool    ${runtime.userPool.id}, web client ${runtime.userPool.clientId} (sign in at the cognito endpoint)`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

main().catch((error: Error) => {
  process.stderr.write(`local runtime failed to start: ${error.message}\n`);
  process.exit(1);
});
