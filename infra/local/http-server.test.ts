import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineFunction, type FunctionDeclaration } from '../../functions/declaration';
import { MemoryAccountStore } from '../../test/support/account-fakes';
import { account } from '../../test/support/accounts';
import { HOUSE_HEADERS } from '../../shared/http/house-headers';
import { isCorsPreflight } from '../../shared/http/cors-preflight';
import type { HttpEvent, HttpTrigger } from '../../shared/http/types';
import { rawHttp, type RawResponse } from '../../test/support/raw-http';
import type { LocalFunction } from './functions';
import { RequestTimeout } from '../../shared/errors';
import { createHttpServer, parserRefusal } from './http-server';
import { createLocalTokens, type LocalTokens } from './jwt';
import { startSchedules } from './schedules';

// The local server's own answers (authorizer, /_local, refusals, failures), over real sockets
// on an ephemeral port, with stand-in functions behind the routes.

const answering = (name: string, method: HttpTrigger['method'], path: string, auth: HttpTrigger['auth'], invoke: (event: HttpEvent) => Promise<unknown>) => {
  const declaration: FunctionDeclaration & { trigger: HttpTrigger } = defineFunction({
    name,
    description: `${method} ${path}`,
    trigger: { kind: 'http', method, path, auth },
    access: {},
    memoryMb: 128,
    timeoutSeconds: 3,
    reservedConcurrency: 1,
  });
  return { declaration, invoke: jest.fn(invoke) } as LocalFunction<HttpTrigger>;
};

const ok = { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' };
const functions = [
  answering('health', 'GET', '/health', 'public', async () => ok),
  answering('get-fax', 'GET', '/faxes/{faxId}', 'customer', async () => ok),
  answering('ingest-fax', 'POST', '/gateway/faxes', 'gateway', async () => ok),
  answering('create-request', 'POST', '/requests', 'optional', async () => ok),
  answering('crashing', 'GET', '/crash', 'public', async () => {
    throw new Error('handler crashed');
  }),
  answering('sets-cors', 'GET', '/sets-cors', 'public', async () => ({ statusCode: 200, headers: { 'access-control-allow-origin': '*' }, body: '' })),
  // Like the real `$default` function: a preflight passes with a 204, anything else is a 404.
  answering('not-found', 'ANY', '$default', 'public', async (event) =>
    isCorsPreflight(event.requestContext.http.method, event.headers) ? { statusCode: 204 } : { statusCode: 404, body: '' },
  ),
];
const WEB_CLIENT = 'https://app.example.test';
// Ana signed up and never signed in: her account is pending.
const accounts = new MemoryAccountStore();

let server: Server;
let url: string;
let tokens: LocalTokens;
beforeAll(async () => {
  tokens = await createLocalTokens();
  await accounts.create(account({ accountId: 'acc_01', status: 'pending' }), []);
  server = createHttpServer({ functions, tokens, accounts, schedules: startSchedules([]), sesEndpoint: 'http://127.0.0.1:9', corsOrigins: [WEB_CLIENT] });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const fetchFrom = (path: string, init?: RequestInit) => fetch(url + path, init);

/** A problem+json of `status` with the request id and house headers, as the Lambda edge answers. */
const expectProblem = (status: number, headers: Record<string, string | null>, body: string) => {
  expect(headers['content-type']).toBe('application/problem+json');
  expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  for (const [name, value] of Object.entries(HOUSE_HEADERS)) expect(headers[name]).toBe(value);
  expect(JSON.parse(body)).toMatchObject({ type: expect.stringMatching(/^https:\/\//), title: expect.any(String), status, detail: expect.any(String) });
};
const expectFetchedProblem = async (response: Response, status: number) => {
  expect(response.status).toBe(status);
  expectProblem(status, Object.fromEntries(response.headers), await response.text());
};
const expectRawProblem = (response: RawResponse, status: number) => {
  expect(response.status).toBe(status);
  expectProblem(status, response.headers, response.body);
};

describe('answers of the local server itself', () => {
  it('refuses a protected route without a valid token like the JWT authorizer, as a problem', async () => {
    // Act
    const missing = await fetchFrom('/faxes/fax_01');
    const forged = await fetchFrom('/faxes/fax_01', { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' } });

    // Assess
    await expectFetchedProblem(missing, 401);
    await expectFetchedProblem(forged, 401);
  });

  it('lets an optional route through without a token, with a valid one as its caller, and refuses a bad one with 401', async () => {
    // Prepare
    const optional = functions.find(({ declaration }) => declaration.name === 'create-request')!;
    const token = await tokens.mint({ email: 'ana@acme.test', accountId: 'acc_01', groups: [] });
    const claimsOfCall = (n: number) => (optional.invoke as jest.Mock).mock.calls[n][0].requestContext.authorizer?.jwt?.claims;
    (optional.invoke as jest.Mock).mockClear();

    // Act
    const anyone = await fetchFrom('/requests', { method: 'POST' });
    const customer = await fetchFrom('/requests', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const forged = await fetchFrom('/requests', { method: 'POST', headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' } });
    const notBearer = await fetchFrom('/requests', { method: 'POST', headers: { authorization: 'Basic YW5hOnB3' } });

    // Assess
    expect(anyone.status).toBe(200);
    expect(customer.status).toBe(200);
    expect(claimsOfCall(0)).toBeUndefined();
    expect(claimsOfCall(1)).toMatchObject({ 'custom:accountId': 'acc_01' });
    await expectFetchedProblem(forged, 401);
    await expectFetchedProblem(notBearer, 401);
    expect(optional.invoke).toHaveBeenCalledTimes(2);
  });

  it('answers a function that crashed with a 500 problem that reveals nothing', async () => {
    // Act
    const response = await fetchFrom('/crash');

    // Assess
    await expectFetchedProblem(response, 500);
  });

  it.each([
    ['a path parameter', '/faxes/%E0'],
    ['an unrouted path', '/nowhere/%zz'],
    ['a local route', '/_local/schedules/%E0/run'],
  ])('refuses malformed percent-encoding in %s with a 400', async (_where, path) => {
    // Act
    const response = await fetchFrom(path, { method: path.startsWith('/_local') ? 'POST' : 'GET' });

    // Assess
    await expectFetchedProblem(response, 400);
  });

  it.each([
    ['the asterisk form', 'OPTIONS * HTTP/1.1'],
    ['an absolute form that is not a URL', 'GET http://[::1/health HTTP/1.1'],
    ['an absolute form of another scheme', 'GET mailto:ana/health HTTP/1.1'],
  ])('refuses a request target in %s with a 400', async (_form, requestLine) => {
    // Act
    const response = await rawHttp(url, `${requestLine}\r\nhost: localhost\r\nconnection: close\r\n\r\n`);

    // Assess
    expectRawProblem(response, 400);
  });

  it('reads a path that starts with two slashes as a path, not as another host', async () => {
    // Act
    const response = await rawHttp(url, 'GET //evil.test/health HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n');

    // Assess
    expect(response.status).toBe(404);
  });

  it('delivers a 413 problem for a body over 10 MB, then goes on serving', async () => {
    // Act
    const response = await fetchFrom('/gateway/faxes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20) });
    await expectFetchedProblem(response, 413);
    const after = await fetchFrom('/health');

    // Assess
    expect(after.status).toBe(200);
  });

  it('treats an expectation it does not know as a plain request', async () => {
    // Act
    const response = await rawHttp(url, 'GET /health HTTP/1.1\r\nhost: localhost\r\nexpect: something-else\r\nconnection: close\r\n\r\n');

    // Assess
    expect(response.status).toBe(200);
  });
});

describe('refusals of the HTTP parser', () => {
  it.each([
    ['an unknown method', 400, 'FROB /health HTTP/1.1\r\nhost: localhost\r\n\r\n'],
    ['a CONNECT', 400, 'CONNECT localhost:443 HTTP/1.1\r\nhost: localhost:443\r\n\r\n'],
    ['both Content-Length and Transfer-Encoding', 400, 'POST /gateway/faxes HTTP/1.1\r\nhost: localhost\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['a header name with a space', 400, 'GET /health HTTP/1.1\r\nhost: localhost\r\nbad header: x\r\n\r\n'],
    ['a NUL in a header value', 400, 'GET /health HTTP/1.1\r\nhost: localhost\r\nx-note: a\0b\r\n\r\n'],
    ['a bad chunk size', 400, 'POST /gateway/faxes HTTP/1.1\r\nhost: localhost\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n'],
    ['not HTTP at all', 400, '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n'],
    ['oversized headers', 431, `GET /health HTTP/1.1\r\nhost: localhost\r\nx-padding: ${'a'.repeat(40_000)}\r\n\r\n`],
  ])('answers %s with a %d problem before closing', async (_case, status, request) => {
    // Act
    const response = await rawHttp(url, request);

    // Assess
    expectRawProblem(response, status);
    expect(response.headers.connection).toBe('close');
  });
});

describe('/_local routes', () => {
  const postToken = (body: string, contentType = 'application/json') =>
    fetchFrom('/_local/token', { method: 'POST', headers: { 'content-type': contentType }, body });

  it('mints a token for a live account, with the house headers', async () => {
    // Act
    const response = await postToken('{"email":"Ana@acme.test"}');

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/\S/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.json()).toEqual({ token: expect.any(String) });
  });

  it('counts a customer token as its owner’s sign-in: a pending account becomes active', async () => {
    // Act
    const response = await postToken('{"email":"ana@acme.test"}');

    // Assess
    expect(response.status).toBe(200);
    expect((await accounts.get('acc_01'))?.status).toBe('active');
  });

  it.each([
    ['a form body', 415, '{"email":"ana@acme.test"}', 'application/x-www-form-urlencoded'],
    ['malformed JSON', 400, '{"email":', 'application/json'],
    ['no body', 400, '', 'application/json'],
    ['an unknown field', 400, '{"email":"ana@acme.test","role":"root"}', 'application/json'],
    ['an email that is not one', 400, '{"email":"ana"}', 'application/json'],
    ['a group other than admin', 400, '{"email":"ana@acme.test","groups":["root"]}', 'application/json'],
    ['a lifetime over a day', 400, '{"email":"ana@acme.test","expiresInSeconds":86401}', 'application/json'],
    ['a body over 1 KiB', 413, `{"email":"${'a'.repeat(1100)}@acme.test"}`, 'application/json'],
    ['an email with no account', 422, '{"email":"nobody@acme.test"}', 'application/json'],
  ])('refuses a token request with %s', async (_case, status, body, contentType) => {
    // Act
    const response = await postToken(body, contentType);

    // Assess
    await expectFetchedProblem(response, status);
  });

  it.each([
    ['a time that is not ISO 8601', '{"now":"tomorrow"}'],
    ['an unknown field', '{"now":"2026-01-01T00:00:00Z","zone":"utc"}'],
  ])('refuses a clock with %s', async (_case, body) => {
    // Act
    const response = await fetchFrom('/_local/clock', { method: 'PUT', headers: { 'content-type': 'application/json' }, body });

    // Assess
    await expectFetchedProblem(response, 400);
  });

  it('answers an unknown local route with a 404 problem', async () => {
    // Act
    const response = await fetchFrom('/_local/nothing');

    // Assess
    await expectFetchedProblem(response, 404);
  });

  it('answers a method a local route does not take with a 405 problem naming the ones it does', async () => {
    // Act
    const response = await fetchFrom('/_local/token');

    // Assess
    await expectFetchedProblem(response, 405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('answers an unknown schedule with a 404 problem', async () => {
    // Act
    const response = await fetchFrom('/_local/schedules/nothing/run', { method: 'POST' });

    // Assess
    await expectFetchedProblem(response, 404);
  });
});

describe('CORS, as API Gateway configured with the allowed origins answers it', () => {
  const preflight = (origin: string, path = '/faxes/fax_01') =>
    fetchFrom(path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization' } });
  const corsHeadersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));

  it('answers a preflight from an allowed origin with a 204 and the policy, without asking for a token', async () => {
    // Act
    const response = await preflight(WEB_CLIENT);

    // Assess
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': WEB_CLIENT,
      'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE',
      'access-control-allow-headers': 'authorization,content-type,x-request-token',
      'access-control-max-age': '7200',
    });
    expect(response.headers.get('vary')).toBe('origin');
    expect(response.headers.get('x-request-id')).toMatch(/\S/);
  });

  it.each([
    ['another origin', 'https://evil.test'],
    ['an allowed origin spelled otherwise', 'https://APP.example.test'],
    ['an allowed origin with a path', `${WEB_CLIENT}/`],
  ])('gives a preflight from %s no CORS headers', async (_case, origin) => {
    // Act
    const response = await preflight(origin);

    // Assess
    expect(corsHeadersOf(response)).toEqual({});
  });

  it('lets an allowed origin read the answer to its request and the request id', async () => {
    // Act
    const response = await fetchFrom('/health', { headers: { origin: WEB_CLIENT } });

    // Assess
    expect(response.status).toBe(200);
    expect(corsHeadersOf(response)).toEqual({ 'access-control-allow-origin': WEB_CLIENT, 'access-control-expose-headers': 'x-request-id,location,retry-after' });
    expect(response.headers.get('vary')).toBe('origin');
  });

  it("lets an allowed origin read the local server's own answers, such as the authorizer's 401", async () => {
    // Act
    const response = await fetchFrom('/faxes/fax_01', { headers: { origin: WEB_CLIENT } });

    // Assess
    await expectFetchedProblem(response, 401);
    expect(response.headers.get('access-control-allow-origin')).toBe(WEB_CLIENT);
  });

  it.each([
    ['another origin', { origin: 'https://evil.test' }],
    ['no origin', {}],
  ])('adds no CORS headers to the answer to a request from %s', async (_case, headers: Record<string, string>) => {
    // Act
    const response = await fetchFrom('/health', { headers });

    // Assess
    expect(corsHeadersOf(response)).toEqual({});
  });

  it('lets a preflight for a local route pass too, so the web client can mint its tokens', async () => {
    // Act
    const response = await preflight(WEB_CLIENT, '/_local/token');

    // Assess
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(WEB_CLIENT);
  });

  it("ignores a function's own CORS headers, as API Gateway does once CORS is configured", async () => {
    // Act
    const fromElsewhere = await fetchFrom('/sets-cors', { headers: { origin: 'https://evil.test' } });
    const fromWebClient = await fetchFrom('/sets-cors', { headers: { origin: WEB_CLIENT } });

    // Assess
    expect(corsHeadersOf(fromElsewhere)).toEqual({});
    expect(fromWebClient.headers.get('access-control-allow-origin')).toBe(WEB_CLIENT);
  });
});

describe('parserRefusal', () => {
  it('answers a request the server stopped waiting for with a 408, as Node would', () => {
    // Act
    const refusal = parserRefusal('ERR_HTTP_REQUEST_TIMEOUT');

    // Assess
    expect(refusal).toBeInstanceOf(RequestTimeout);
  });
});
