import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { EnvNames, requiredEnv } from '../../config';

// Cached per container; five minutes lets a rotated secret take effect without a redeploy.
const CACHE_SECONDS = 300;

const secretsIn = (value: string | undefined): string[] => (value ?? '').split(/\s+/).filter(Boolean);

/**
 * Where the gateway webhook secrets (`whsec_…`, whitespace-separated while one is rotated out)
 * come from, decided once per container: Secrets Manager in AWS, GATEWAY_WEBHOOK_SECRET locally.
 */
export const gatewaySecretSource = (): (() => Promise<string[]>) => {
  const local = process.env[EnvNames.webhookSecretValue];
  if (local) return async () => secretsIn(local);
  const secretArn = requiredEnv(EnvNames.webhookSecretArn);
  return async () => secretsIn(await getSecret<string>(secretArn, { maxAge: CACHE_SECONDS }));
};
