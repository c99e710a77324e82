import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { requiredEnv } from '../../config';

/**
 * Where a secret comes from, decided once per container: locally the value itself, from
 * `valueEnv`; in AWS Secrets Manager, the secret named by `arnEnv`, fetched on first use and
 * cached for `maxAgeSeconds` (a secret with no value yet answers '').
 */
export const secretSource = (names: { valueEnv: string; arnEnv: string }, maxAgeSeconds: number): (() => Promise<string>) => {
  const local = process.env[names.valueEnv];
  if (local) return async () => local;
  const secretArn = requiredEnv(names.arnEnv);
  return async () => (await getSecret<string>(secretArn, { maxAge: maxAgeSeconds })) ?? '';
};
