// Hand-built API Gateway HTTP API
// (payload 2.0) events, a minimal Lambda context, and a way to invoke a route and read its reply.
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResponse } from '../../shared/http/types';
import { captureOutput } from './output';

export type Claims = Record<string, string | number | boolean | string[]>;

export interface EventInit {
  method?: string;
  path?: string;
  routeKey?: string;
  /** A string is sent as is; anything else is sent as JSON. */
  body?: unknown;
  /** Merged over `host` and, with a body, `content-type: application/json`; undefined removes one. */
  headers?: Record<string, string | undefined>;
  isBase64Encoded?: boolean;
  claims?: Claims;
  requestId?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
}

const withoutUndefined = (headers: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));

const DEFAULT_REQUEST_ID = 'req-0001-unit';

export const httpEvent = ({
  method = 'GET',
  path = '/',
  routeKey = `${method} ${path}`,
  body,
  headers = {},
  isBase64Encoded = false,
  claims,
  requestId = DEFAULT_REQUEST_ID,
  pathParameters,
  query,
}: EventInit = {}): HttpEvent => ({
  version: '2.0',
  routeKey,
  rawPath: path,
  rawQueryString: new URLSearchParams(query).toString(),
  headers: withoutUndefined({ host: 'api.unit.test', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }),
  ...(query ? { queryStringParameters: query } : {}),
  ...(pathParameters ? { pathParameters } : {}),
  requestContext: {
    accountId: '000000000000',
    apiId: 'unit',
    domainName: 'api.unit.test',
    domainPrefix: 'api',
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'unit-test' },
    requestId,
    routeKey,
    stage: '$default',
    time: '01/Jan/2026:00:00:00 +0000',
    timeEpoch: 1767225600000,
    ...(claims ? { authorizer: { jwt: { claims } } } : {}),
  },
  ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  isBase64Encoded,
});

/** Claims of a customer's token, as the HTTP API JWT authorizer hands them over. */
export const customerClaims = (accountId: string, email = 'ana@acme.test'): Claims => ({
  sub: 'b7f1c2d4-0000-4000-8000-000000000001',
  email,
  'custom:accountId': accountId,
});

/** Claims of an admin's token: no account, groups in the authorizer's string form. */
export const adminClaims = (groups = '[admin]'): Claims => ({
  sub: 'b7f1c2d4-0000-4000-8000-00000000ad01',
  email: 'admin@example.test',
  'cognito:groups': groups,
});

/** A minimal Lambda context; `remainingMs` is what `getRemainingTimeInMillis` answers (jobs stop on it). */
export const lambdaContext = (functionName = 'unit-test', remainingMs = 10_000): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '256',
  awsRequestId: 'lambda-req-0001',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'unit',
  getRemainingTimeInMillis: () => remainingMs,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** A route's response as a client sees it, plus whatever the function logged meanwhile. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when there is none). */
  body: any;
  /** The body exactly as sent. */
  text: string;
  /** Everything written to stdout/stderr during the invocation (the logs). */
  logs: string;
}

type Handler = (event: HttpEvent, context: Context) => Promise<HttpResponse | void>;

/** Invokes a handler the way the HTTP API does, capturing its logs so they can be checked. */
export const invoke = async (handler: Handler, event: HttpEvent): Promise<Reply> => {
  const output = captureOutput();
  let response: HttpResponse | void;
  try {
    response = await handler(event, lambdaContext());
  } finally {
    output.restore();
  }
  if (!response) throw new Error('The handler returned no response.');
  const text = response.body ?? '';
  return {
    status: response.statusCode ?? 200,
    headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([key, value]) => [key.toLowerCase(), String(value)])),
    body: text === '' ? undefined : JSON.parse(text),
    text,
    logs: output.text(),
  };
};
