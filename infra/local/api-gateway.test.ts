import { defineFunction, type FunctionDeclaration } from '../../functions/declaration';
import { callerFrom } from '../../shared/http/caller';
import type { HttpEvent, HttpTrigger } from '../../shared/http/types';
import { InvalidInput } from '../../shared/errors';
import { buildEvent, createRouter, parseRequestTarget, toHttpResponse, type RawRequest, type Route } from './api-gateway';
import type { LocalFunction } from './functions';

/** A loaded function for a route; the router never invokes it. */
const routed = (name: string, method: HttpTrigger['method'], path: string): LocalFunction<HttpTrigger> => {
  const declaration: FunctionDeclaration & { trigger: HttpTrigger } = defineFunction({
    name,
    description: `${method} ${path}`,
    trigger: { kind: 'http', method, path, auth: 'public' },
    access: {},
    memoryMb: 128,
    timeoutSeconds: 3,
    reservedConcurrency: 1,
  });
  return { declaration, invoke: jest.fn<Promise<unknown>, [unknown, string]>() };
};

const functions = {
  getMe: routed('get-profile', 'GET', '/me'),
  patchMe: routed('update-profile', 'PATCH', '/me'),
  getFax: routed('get-fax', 'GET', '/faxes/{faxId}'),
  getDocument: routed('get-fax-document', 'GET', '/faxes/{faxId}/document'),
  unblock: routed('unblock-sender', 'DELETE', '/me/blocked-senders/{faxNumber}'),
  notFound: routed('not-found', 'ANY', '$default'),
};
const route = createRouter(Object.values(functions));

describe('createRouter', () => {
  it.each([
    ['GET', '/me', functions.getMe, 'GET /me'],
    ['PATCH', '/me', functions.patchMe, 'PATCH /me'],
  ])('matches %s %s by method and path', (method, path, fn, routeKey) => {
    // Act
    const matched = route(method, path);

    // Assess
    expect(matched).toEqual({ fn, routeKey, pathParameters: {} });
  });

  it('extracts and decodes path parameters', () => {
    // Act
    const item = route('GET', '/faxes/fax_01%20A');
    const document = route('GET', '/faxes/fax_02/document');
    const unblock = route('DELETE', '/me/blocked-senders/%2B15559870000');

    // Assess
    expect(item).toEqual({ fn: functions.getFax, routeKey: 'GET /faxes/{faxId}', pathParameters: { faxId: 'fax_01 A' } });
    expect(document).toEqual({ fn: functions.getDocument, routeKey: 'GET /faxes/{faxId}/document', pathParameters: { faxId: 'fax_02' } });
    expect(unblock?.pathParameters).toEqual({ faxNumber: '+15559870000' });
  });

  it.each([
    ['an unknown path', 'GET', '/nowhere'],
    ['a known path with another method', 'POST', '/me'],
    ['a trailing slash', 'GET', '/me/'],
    ['an extra segment', 'GET', '/faxes/fax_01/document/extra'],
    ['an empty path parameter', 'GET', '/faxes/'],
  ])('falls back to $default for %s', (_case, method, path) => {
    // Act
    const matched = route(method, path);

    // Assess
    expect(matched).toEqual({ fn: functions.notFound, routeKey: '$default', pathParameters: {} });
  });

  it('refuses a path parameter with malformed percent-encoding as invalid input', () => {
    // Act
    const matching = () => route('GET', '/faxes/%E0');

    // Assess
    expect(matching).toThrow(InvalidInput);
  });

  it('matches nothing without a $default route', () => {
    // Prepare
    const withoutDefault = createRouter([functions.getMe]);

    // Act
    const matched = withoutDefault('GET', '/nowhere');

    // Assess
    expect(matched).toBeUndefined();
  });
});

describe('buildEvent', () => {
  const faxRoute: Route = { fn: functions.getFax, routeKey: 'GET /faxes/{faxId}', pathParameters: { faxId: 'fax_01' } };
  const request = (overrides: Partial<RawRequest> = {}): RawRequest => ({
    method: 'GET',
    url: new URL('http://localhost:3000/faxes/fax_01'),
    headers: { host: 'localhost:3000' },
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    ...overrides,
  });

  it('builds a payload 2.0 event for the matched route', () => {
    // Act
    const event = buildEvent(request(), faxRoute, 'req-1', undefined);

    // Assess
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /faxes/{faxId}',
      rawPath: '/faxes/fax_01',
      rawQueryString: '',
      pathParameters: { faxId: 'fax_01' },
      isBase64Encoded: false,
      requestContext: { requestId: 'req-1', routeKey: 'GET /faxes/{faxId}', http: { method: 'GET', path: '/faxes/fax_01', sourceIp: '127.0.0.1' } },
    });
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('lower-cases header names and joins repeated values with commas', () => {
    // Act
    const event = buildEvent(request({ headers: { 'X-Trace': 'abc', 'x-forwarded-for': ['203.0.113.7', '10.0.0.1'] } }), faxRoute, 'req-1', undefined);

    // Assess
    expect(event.headers).toEqual({ 'x-trace': 'abc', 'x-forwarded-for': '203.0.113.7,10.0.0.1' });
  });

  it('joins repeated query parameters with commas and keeps the raw query string', () => {
    // Act
    const event = buildEvent(request({ url: new URL('http://localhost:3000/faxes?limit=10&status=a&status=b') }), faxRoute, 'req-1', undefined);

    // Assess
    expect(event.queryStringParameters).toEqual({ limit: '10', status: 'a,b' });
    expect(event.rawQueryString).toBe('limit=10&status=a&status=b');
  });

  it('splits cookies into a list', () => {
    // Act
    const event = buildEvent(request({ headers: { cookie: 'a=1; b=2' } }), faxRoute, 'req-1', undefined);

    // Assess
    expect(event.cookies).toEqual(['a=1', 'b=2']);
  });

  it.each([
    ['JSON', 'application/json'],
    ['problem+json', 'application/problem+json'],
    ['text', 'text/plain; charset=utf-8'],
  ])('passes a %s body as text', (_case, contentType) => {
    // Act
    const event = buildEvent(request({ method: 'POST', headers: { 'content-type': contentType }, body: Buffer.from('{"a":"é"}') }), faxRoute, 'req-1', undefined);

    // Assess
    expect(event.body).toBe('{"a":"é"}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('passes a binary body as base64', () => {
    // Prepare
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0xfe]);

    // Act
    const event = buildEvent(request({ method: 'POST', headers: { 'content-type': 'application/pdf' }, body: pdf }), faxRoute, 'req-1', undefined);

    // Assess
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(pdf);
  });

  it('hands claims over as the JWT authorizer does, arrays as "[a b]" strings', () => {
    // Prepare
    const claims = { sub: 'user-1', email: 'admin@example.test', 'cognito:groups': ['admin', 'ops'], exp: 1767225600, email_verified: true };

    // Act
    const event = buildEvent(request(), faxRoute, 'req-1', claims) as HttpEvent;

    // Assess
    expect(event.requestContext.authorizer?.jwt?.claims).toEqual({ ...claims, 'cognito:groups': '[admin ops]' });
  });

  it('builds events whose claims the HTTP edge reads as the same caller', () => {
    // Act
    const event = buildEvent(request(), faxRoute, 'req-1', { sub: 'user-1', 'custom:accountId': 'acc_1', 'cognito:groups': ['admin'] });

    // Assess
    expect(callerFrom(event as HttpEvent)).toEqual({ sub: 'user-1', email: undefined, accountId: 'acc_1', isAdmin: true });
  });
});

describe('toHttpResponse', () => {
  it('turns a structured result into status, lower-cased headers and body bytes', () => {
    // Act
    const response = toHttpResponse({ statusCode: 201, headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r1' }, body: '{"ok":true}' });

    // Assess
    expect(response).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json', 'x-request-id': 'r1' },
      body: Buffer.from('{"ok":true}'),
    });
  });

  it('decodes a base64 body', () => {
    // Act
    const response = toHttpResponse({ statusCode: 200, body: Buffer.from([1, 2, 3]).toString('base64'), isBase64Encoded: true });

    // Assess
    expect(response.body).toEqual(Buffer.from([1, 2, 3]));
  });

  it('answers a plain returned value as a 200 JSON body, as the HTTP API does', () => {
    // Act
    const response = toHttpResponse({ status: 'ok' });

    // Assess
    expect(response).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"status":"ok"}') });
  });
});

describe('parseRequestTarget', () => {
  it.each([
    ['an origin form', '/faxes?limit=5', '/faxes', '?limit=5'],
    ['an absolute form', 'http://localhost:3000/faxes?limit=5', '/faxes', '?limit=5'],
    ['a path starting with two slashes', '//evil.test/health', '//evil.test/health', ''],
  ])('reads %s', (_form, target, pathname, search) => {
    // Act
    const url = parseRequestTarget(target);

    // Assess
    expect({ pathname: url.pathname, search: url.search }).toEqual({ pathname, search });
  });

  it.each([
    ['the asterisk form', '*'],
    ['an authority form', 'localhost:443'],
    ['a URL of another scheme', 'file:///etc/passwd'],
    ['a path with malformed percent-encoding', '/faxes/%E0%A4'],
    ['a path with a stray percent sign', '/faxes/100%'],
  ])('refuses %s as invalid input', (_form, target) => {
    // Act
    const parsing = () => parseRequestTarget(target);

    // Assess
    expect(parsing).toThrow(InvalidInput);
  });
});
