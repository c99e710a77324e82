import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { EnvNames, requiredEnv } from '../../config';
import type { BearerVerifier, TokenClaims } from '../../http/types';

/**
 * A user pool's ID tokens, checked as the HTTP API JWT authorizer checks them: an RS256 signature
 * by a key of the pool's JWKS (`<issuer>/.well-known/jwks.json`, as Cognito publishes it), the
 * pool's issuer, the web client as audience, not expired. Access tokens (no audience, no account
 * claim) are refused, as the backend reads the ID token's claims. A bad token is undefined; a
 * JWKS that cannot be fetched fails loudly (a 500 the client retries), never passing as a bad token.
 */
export const userPoolTokens = (pool: { issuer: string; clientId: string }): BearerVerifier => {
  const keys = createRemoteJWKSet(new URL(`${pool.issuer}/.well-known/jwks.json`));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: pool.issuer, audience: pool.clientId, algorithms: ['RS256'] });
      return payload.token_use === 'id' ? (payload as TokenClaims) : undefined;
    } catch (error) {
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) return undefined;
      throw error;
    }
  };
};

/**
 * The verifier of an `optional` route's function: the tokens of the pool its environment names
 * (the stack binds a function that declares `idTokens`). Built at its first token, so a request
 * without one needs no configuration.
 */
export const idTokenVerifier = (): BearerVerifier => {
  let verify: BearerVerifier | undefined;
  return async (token) => {
    verify ??= userPoolTokens({ issuer: requiredEnv(EnvNames.userPoolIssuer), clientId: requiredEnv(EnvNames.userPoolClientId) });
    return verify(token);
  };
};
