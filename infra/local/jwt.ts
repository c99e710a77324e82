import { createHash } from 'node:crypto';
import { SignJWT, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import type { BearerVerifier, TokenClaims } from '../../shared/http/types';

// The local stand-in for the Cognito user pool's tokens: same claims, signed by a key that
// lives only as long as the runtime. Verification mirrors the HTTP API JWT authorizer, which
// checks expiry against real time, not the backend's (movable) clock.
const ISSUER = 'urn:fax-backend:local-runtime';
const AUDIENCE = 'fax-backend-local';
const ALGORITHM = 'RS256';
const DEFAULT_LIFETIME_SECONDS = 3600;

interface TokenRequest {
  email: string;
  accountId?: string;
  groups: string[];
  expiresInSeconds?: number;
}

export type Claims = TokenClaims;

/** The verified claims, or undefined for a token that is unsigned, forged, expired or malformed. */
type Verify = BearerVerifier;

export interface LocalTokens {
  mint(request: TokenRequest): Promise<string>;
  verify: Verify;
}

// Cognito's `sub` is a stable per-user UUID; derive one from the email so it is stable here too.
const subjectFor = (email: string): string => {
  const hex = createHash('sha256').update(email.toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

export const createLocalTokens = async (): Promise<LocalTokens> => {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM);
  return {
    mint: ({ email, accountId, groups, expiresInSeconds }) => {
      const nowSeconds = Math.floor(Date.now() / 1000);
      return (
      new SignJWT({
        email,
        token_use: 'id',
        ...(accountId ? { 'custom:accountId': accountId } : {}),
        ...(groups.length > 0 ? { 'cognito:groups': groups } : {}),
      })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(subjectFor(email))
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(nowSeconds)
        .setExpirationTime(nowSeconds + (expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS))
        .sign(privateKey as CryptoKey)
      );
    },
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, publicKey as CryptoKey, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: [ALGORITHM],
        });
        return payload as Claims;
      } catch {
        return undefined;
      }
    },
  };
};

/** Local tokens that also accept what `verify` accepts: the runtime's authorizer takes both kinds. */
export const acceptingAlso = (tokens: LocalTokens, verify: Verify): LocalTokens => ({
  mint: tokens.mint,
  verify: async (token) => (await tokens.verify(token)) ?? verify(token),
});
