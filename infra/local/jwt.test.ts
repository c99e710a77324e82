import { createLocalTokens, type LocalTokens } from './jwt';

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
