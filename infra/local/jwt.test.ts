import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { userPoolTokens } from '../../shared/adapters/cognito/id-tokens';
import { acceptingAlso, createLocalTokens, type LocalTokens } from './jwt';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

let tokens: LocalTokens;
let otherRuntime: LocalTokens;

beforeAll(async () => {
  [tokens, otherRuntime] = await Promise.all([createLocalTokens(), createLocalTokens()]);
});

describe('local JWTs', () => {
  it('verifies a token it minted, returning its claims', async () => {
    // Prepare
    const token = await tokens.mint({ email: 'ana@acme.test', accountId: 'acc_1', groups: ['admin'] });

    // Act
    const claims = await tokens.verify(token);

    // Assess
    expect(claims).toEqual(
      expect.objectContaining({
        email: 'ana@acme.test',
        'custom:accountId': 'acc_1',
        'cognito:groups': ['admin'],
        token_use: 'id',
        sub: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      }),
    );
  });

  it('gives an email the same subject in every token, whatever its case', async () => {
    // Act
    const [first, second, other] = await Promise.all([
      tokens.mint({ email: 'ana@acme.test', groups: [] }).then(tokens.verify),
      tokens.mint({ email: 'ANA@acme.test', groups: [] }).then(tokens.verify),
      tokens.mint({ email: 'bob@acme.test', groups: [] }).then(tokens.verify),
    ]);

    // Assess
    expect(second?.sub).toBe(first?.sub);
    expect(other?.sub).not.toBe(first?.sub);
  });

  it('leaves out the account and groups claims when there are none', async () => {
    // Act
    const claims = await tokens.verify(await tokens.mint({ email: 'prospect@acme.test', groups: [] }));

    // Assess
    expect(claims).not.toHaveProperty('custom:accountId');
    expect(claims).not.toHaveProperty('cognito:groups');
  });

  it('rejects a token signed by another key', async () => {
    // Prepare
    const forged = await otherRuntime.mint({ email: 'ana@acme.test', accountId: 'acc_1', groups: ['admin'] });

    // Act
    const claims = await tokens.verify(forged);

    // Assess
    expect(claims).toBeUndefined();
  });

  it('rejects an unsigned (alg: none) token carrying otherwise valid claims', async () => {
    // Prepare
    const genuine = await tokens.mint({ email: 'ana@acme.test', accountId: 'acc_1', groups: [] });
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...payloadOf(genuine), 'cognito:groups': ['admin'] })}.`;

    // Act
    const claims = await tokens.verify(unsigned);

    // Assess
    expect(claims).toBeUndefined();
  });

  it('rejects a signed token whose claims were altered', async () => {
    // Prepare
    const genuine = await tokens.mint({ email: 'ana@acme.test', accountId: 'acc_1', groups: [] });
    const [header, , signature] = genuine.split('.');
    const altered = `${header}.${base64url({ ...payloadOf(genuine), 'cognito:groups': ['admin'] })}.${signature}`;

    // Act
    const claims = await tokens.verify(altered);

    // Assess
    expect(claims).toBeUndefined();
  });

  it('rejects an expired token', async () => {
    // Prepare
    const expired = await tokens.mint({ email: 'ana@acme.test', accountId: 'acc_1', groups: [], expiresInSeconds: -60 });

    // Act
    const claims = await tokens.verify(expired);

    // Assess
    expect(claims).toBeUndefined();
  });

  it.each(['', 'garbage', 'a.b.c', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.bm90LWEtc2lnbmF0dXJl'])('rejects the malformed token "%s"', async (garbage) => {
    // Act
    const claims = await tokens.verify(garbage);

    // Assess
    expect(claims).toBeUndefined();
  });
});

describe('the emulated user pool\'s tokens', () => {
  const POOL_ID = 'us-east-1_LocalPool';
  const CLIENT_ID = 'web-client-id';
  let server: Server;
  let issuer: string;
  let poolKey: CryptoKey;
  let otherKey: CryptoKey;
  let verify: (token: string) => Promise<unknown>;

  // What cognito-local signs: RS256 with its key id, the pool's issuer, the client as audience.
  const poolToken = (overrides: { claims?: JWTPayload; issuer?: string; audience?: string; key?: CryptoKey; expiresAt?: number } = {}) =>
    new SignJWT({ token_use: 'id', email: 'ana@acme.test', 'custom:accountId': 'acc_1', ...overrides.claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
      .setSubject('5f1c3a4e-0000-4000-8000-000000000001')
      .setIssuer(overrides.issuer ?? issuer)
      .setAudience(overrides.audience ?? CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime(overrides.expiresAt ?? Math.floor(Date.now() / 1000) + 3600)
      .sign(overrides.key ?? poolKey);

  beforeAll(async () => {
    const pool = await generateKeyPair('RS256');
    poolKey = pool.privateKey as CryptoKey;
    otherKey = (await generateKeyPair('RS256')).privateKey as CryptoKey;
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pool.publicKey)), kid: 'CognitoLocal', alg: 'RS256', use: 'sig' }] });
    // The pool's JWKS where Cognito (and cognito-local) publish it: under the issuer.
    server = createServer((request, response) => {
      const found = request.url === `/${POOL_ID}/.well-known/jwks.json`;
      response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' }).end(found ? jwks : '{}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${POOL_ID}`;
    verify = userPoolTokens({ issuer, clientId: CLIENT_ID });
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('accepts an ID token of the pool for the web client, returning its claims', async () => {
    // Act
    const claims = await verify(await poolToken());

    // Assess
    expect(claims).toEqual(expect.objectContaining({ 'custom:accountId': 'acc_1', email: 'ana@acme.test', token_use: 'id', iss: issuer, aud: CLIENT_ID }));
  });

  it.each([
    ['signed by another key (forged)', () => poolToken({ key: otherKey })],
    ['of another issuer', () => poolToken({ issuer: issuer.replace(POOL_ID, 'us-east-1_OtherPool') })],
    ['for another client', () => poolToken({ audience: 'another-client' })],
    ['past its expiry', () => poolToken({ expiresAt: Math.floor(Date.now() / 1000) - 60 })],
    ['for access (token_use access)', () => poolToken({ claims: { token_use: 'access' } })],
  ])('refuses a token %s', async (_case, token) => {
    // Act
    const claims = await verify(await token());

    // Assess
    expect(claims).toBeUndefined();
  });

  it('refuses a pool token whose claims were altered', async () => {
    // Prepare
    const [header, , signature] = (await poolToken()).split('.');
    const altered = `${header}.${base64url({ ...payloadOf(await poolToken()), 'custom:accountId': 'acc_2' })}.${signature}`;

    // Act
    const claims = await verify(altered);

    // Assess
    expect(claims).toBeUndefined();
  });

  it('lets the runtime accept both its own tokens and the pool\'s, and nothing else', async () => {
    // Prepare
    const both = acceptingAlso(tokens, userPoolTokens({ issuer, clientId: CLIENT_ID }));

    // Act
    const [own, pools, foreign] = await Promise.all([
      both.mint({ email: 'ana@acme.test', accountId: 'acc_1', groups: [] }).then(both.verify),
      poolToken().then(both.verify),
      otherRuntime.mint({ email: 'ana@acme.test', accountId: 'acc_1', groups: [] }).then(both.verify),
    ]);

    // Assess
    expect(own).toEqual(expect.objectContaining({ 'custom:accountId': 'acc_1' }));
    expect(pools).toEqual(expect.objectContaining({ iss: issuer }));
    expect(foreign).toBeUndefined();
  });
});
