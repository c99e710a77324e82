import { createHmac } from 'node:crypto';
import { EnvNames } from '../../config';
import { ConfigurationError } from '../../errors';
import type { Pseudonymiser } from '../../pseudonyms';
import { secretSource } from './secret-source';

// The key never rotates (rotating it would orphan every stored digest): cached for a container's life.
const CACHE_SECONDS = 24 * 60 * 60;

/** HMAC-SHA256 (base64url) of the purpose and values, as JSON, under the key `key` answers. */
export const hmacPseudonymiser = (key: () => Promise<string>): Pseudonymiser => ({
  async pseudonym(purpose, values) {
    const secret = await key();
    // An empty key would make every digest a plain, guessable hash.
    if (!secret) throw new ConfigurationError('the pseudonymisation key');
    return createHmac('sha256', secret)
      .update(JSON.stringify([purpose, ...values]))
      .digest('base64url');
  },
});

/** The pseudonymiser under the service's pseudonymisation key: Secrets Manager in AWS, HASH_KEY locally. */
export const pseudonymiser = (): Pseudonymiser =>
  hmacPseudonymiser(secretSource({ valueEnv: EnvNames.hashKeyValue, arnEnv: EnvNames.hashKeyArn }, CACHE_SECONDS));
