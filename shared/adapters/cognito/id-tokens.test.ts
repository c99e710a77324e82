import { generateKeyPair, SignJWT } from 'jose';
import { EnvNames } from '../../config';
import { ConfigurationError } from '../../errors';
import { idTokenVerifier } from './id-tokens';

// The checks themselves (signature, issuer, client, expiry, token use) are proven against an
// emulated pool's JWKS in infra/local/jwt.test.ts; here, how an optional route's function gets them.

const signedToken = async () => {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT({ token_use: 'id' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('s').setExpirationTime('1h').sign(privateKey);
};

afterEach(() => {
  delete process.env[EnvNames.userPoolIssuer];
  delete process.env[EnvNames.userPoolClientId];
});

describe('idTokenVerifier', () => {
  it('needs its pool only at its first token, and fails as misconfigured without it', async () => {
    // Act
    const verify = idTokenVerifier();

    // Assess
    await expect(verify(await signedToken())).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('fails loudly, not as a bad token, when the pool’s keys cannot be fetched', async () => {
    // Prepare
    process.env[EnvNames.userPoolIssuer] = 'http://127.0.0.1:9/us-east-1_unreachable';
    process.env[EnvNames.userPoolClientId] = 'web-client';

    // Act
    const verification = idTokenVerifier()(await signedToken());

    // Assess
    await expect(verification).rejects.toThrow();
  });

  it('answers undefined for a malformed token without fetching anything', async () => {
    // Prepare
    process.env[EnvNames.userPoolIssuer] = 'http://127.0.0.1:9/us-east-1_unreachable';
    process.env[EnvNames.userPoolClientId] = 'web-client';

    // Act & Assess
    await expect(idTokenVerifier()('not-a-jwt')).resolves.toBeUndefined();
  });
});
