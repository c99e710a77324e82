import { EnvNames } from '../../config';
import { secretSource } from './secret-source';

// Cached per container; five minutes lets a rotated secret take effect without a redeploy.
const CACHE_SECONDS = 300;

/**
 * The gateway webhook secrets (`whsec_…`, whitespace-separated while one is rotated out): Secrets
 * Manager in AWS, GATEWAY_WEBHOOK_SECRET locally.
 */
export const gatewaySecretSource = (): (() => Promise<string[]>) => {
  const source = secretSource({ valueEnv: EnvNames.webhookSecretValue, arnEnv: EnvNames.webhookSecretArn }, CACHE_SECONDS);
  return async () => (await source()).split(/\s+/).filter(Boolean);
};
