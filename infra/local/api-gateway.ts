import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { InvalidInput } from '../../shared/errors';
import type { HttpTrigger } from '../../shared/http/types';
import type { LocalFunction } from './functions';
import type { Claims } from './jwt';

// What API Gateway's HTTP API does in front of a Lambda, rebuilt for the local runtime:
// route matching, payload format 2.0 events and the JWT claims shape.

type HttpFunction = LocalFunction<HttpTrigger>;

export interface Route {
  fn: HttpFunction;
  routeKey: string;
  pathParameters: Record<string, string>;
}

interface CompiledRoute {
  fn: HttpFunction;
  method: string;
  pattern: RegExp;
  names: string[];
  routeKey: string;
}

/** Percent-decoded path text; malformed encoding (`%E0`, `%zz`) is the client's error, as at API Gateway. */
export const decodePath = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new InvalidInput('The request path is not validly percent-encoded.');
  }
};

/**
 * The request target as a URL: origin-form (`/path?query`) or absolute-form; anything else, and a
 * path that does not percent-decode, is a 400. Origin-form is read as a path, so `//host/x` stays
 * the path `//host/x` rather than naming another host.
 */
export const parseRequestTarget = (target: string): URL => {
  let url: URL;
  try {
    url = new URL(target.startsWith('/') ? `http://localhost${target}` : target);
  } catch {
    throw new InvalidInput('The request target is not valid.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidInput('The request target is not valid.');
  decodePath(url.pathname);
  return url;
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');

const compile = (fn: HttpFunction): CompiledRoute => {
  const { method, path } = fn.declaration.trigger;
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter) return escapeRegExp(segment);
      names.push(parameter[1]);
      return '([^/]+)';
    })
    .join('/');
  return { fn, method, pattern: new RegExp(`^${source}$`), names, routeKey: `${method} ${path}` };
};

/** Matches `METHOD /path` to a declared route, falling back to `$default` like the HTTP API. */
export const createRouter = (functions: HttpFunction[]) => {
  const routes = functions.filter((fn) => fn.declaration.trigger.path !== '$default').map(compile);
  const fallback = functions.find((fn) => fn.declaration.trigger.path === '$default');
  return (method: string, path: string): Route | undefined => {
    for (const route of routes) {
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (match) {
        const pathParameters = Object.fromEntries(route.names.map((name, index) => [name, decodePath(match[index + 1])]));
        return { fn: route.fn, routeKey: route.routeKey, pathParameters };
      }
    }
    return fallback ? { fn: fallback, routeKey: '$default', pathParameters: {} } : undefined;
  };
};

const TEXTUAL = /^(application\/([\w.+-]+\+)?(json|xml)|text\/|application\/x-www-form-urlencoded)/i;

// HTTP API hands array claims to Lambda as a bracketed, space-separated string.
const claimsAsApiGatewayDelivers = (claims: Claims): Record<string, string | number | boolean> =>
  Object.fromEntries(Object.entries(claims).map(([key, value]) => [key, Array.isArray(value) ? `[${value.join(' ')}]` : value]));

export interface RawRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
}

export const buildEvent = (request: RawRequest, route: Route, requestId: string, claims: Claims | undefined): APIGatewayProxyEventV2 => {
  const headers = Object.fromEntries(
    Object.entries(request.headers).flatMap(([key, value]) => (value === undefined ? [] : [[key.toLowerCase(), Array.isArray(value) ? value.join(',') : value]])),
  );
  const query: Record<string, string[]> = {};
  for (const [key, value] of request.url.searchParams) (query[key] ??= []).push(value);
  const textual = TEXTUAL.test(headers['content-type'] ?? 'application/json');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: request.url.pathname,
    rawQueryString: request.url.search.replace(/^\?/, ''),
    ...(headers.cookie ? { cookies: headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length > 0
      ? { queryStringParameters: Object.fromEntries(Object.entries(query).map(([key, values]) => [key, values.join(',')])) }
      : {}),
    ...(Object.keys(route.pathParameters).length > 0 ? { pathParameters: route.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: { method: request.method, path: request.url.pathname, protocol: 'HTTP/1.1', sourceIp: request.sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims: claimsAsApiGatewayDelivers(claims), scopes: [] } } } : {}),
    },
    ...(request.body.length > 0
      ? { body: textual ? request.body.toString('utf8') : request.body.toString('base64'), isBase64Encoded: !textual }
      : { isBase64Encoded: false }),
  } as APIGatewayProxyEventV2;
};

/** A Lambda result as the HTTP API turns it into a response. */
export const toHttpResponse = (result: unknown): { status: number; headers: Record<string, string>; body: Buffer } => {
  const structured = result as APIGatewayProxyStructuredResultV2;
  if (typeof structured !== 'object' || structured === null || typeof structured.statusCode !== 'number') {
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(result ?? null)) };
  }
  const headers = Object.fromEntries(Object.entries(structured.headers ?? {}).map(([key, value]) => [key.toLowerCase(), String(value)]));
  const body = structured.body === undefined ? Buffer.alloc(0) : Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8');
  return { status: structured.statusCode, headers, body };
};
