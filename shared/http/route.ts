import type { MiddlewareObj, Request as MiddyRequest } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, type Logger } from '../logger';
import { authorize, callerFrom, callerFromBearer } from './caller';
import { parseFormBody } from './form-body';
import { parseJsonBody, type BodySpec } from './json-body';
import { pathValidator } from './path';
import { HOUSE_HEADERS } from './house-headers';
import { PROBLEM_CONTENT_TYPE, problemFor } from './problem';
import type { $ZodType } from 'zod/v4/core';
import { ConfigurationError, TooManyRequests } from '../errors';
import { telemetry, withMiddy } from '../invocation';
import { FunctionMetrics } from '../metrics';
import type { BearerVerifier, HttpEvent, HttpRequest, HttpResponse, HttpResult, HttpTrigger } from './types';

/** A route: its declared trigger (auth, body schema and limit). */
export interface RouteSpec<Trigger extends HttpTrigger> {
  trigger: Trigger;
  /** For `gateway` routes: checks the request's signature over the raw body before anything else. */
  verifySignature?: (event: HttpEvent) => Promise<void>;
  /**
   * For `optional` routes: verifies a bearer token no authorizer has (in AWS none guards them;
   * the local runtime verifies it as the edge, delivering its claims as an authorizer would).
   */
  verifyBearer?: BearerVerifier;
}

// Every response, success or problem, leaves with the request id and the house headers.
const withHouseHeaders = (response: HttpResponse, requestId: string): HttpResponse => ({
  ...response,
  headers: { ...response.headers, ...HOUSE_HEADERS, 'x-request-id': requestId },
});

// The one place errors become problem+json; refusals and failures are logged here.
const problemResponse = (error: unknown, log: Logger): HttpResponse => {
  const problem = problemFor(error);
  if (problem.status >= 500) log.error('request failed', { error: error as Error });
  else log.info('request refused', { status: problem.status, problemType: problem.type });
  // A refused retry says when it can succeed (RFC 9110, Retry-After), so a client need not guess.
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  if (error instanceof TooManyRequests) headers['retry-after'] = String(error.retryAfterSeconds);
  return { statusCode: problem.status, headers, body: JSON.stringify(problem) };
};

// A client may percent-encode a parameter (`%2B15551234567`); none of ours ever holds a `%` itself.
const decodedPathParameters = (parameters: HttpEvent['pathParameters']): Record<string, string> =>
  Object.fromEntries(
    Object.entries(parameters ?? {}).map(([name, value = '']) => {
      try {
        return [name, decodeURIComponent(value)];
      } catch {
        return [name, value];
      }
    }),
  );

const toResponse = ({ status, body, headers }: HttpResult): HttpResponse => ({
  statusCode: status,
  headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

/** The body parser of each body kind a declaration may name. */
const parseBody = { json: parseJsonBody, form: parseFormBody } as const;

/** What a route's declared body schema validates to; `undefined` for routes that take no body. */
type BodyOf<Trigger> = Trigger extends { body: $ZodType<infer Body> } ? Body : undefined;

/** What the edge's middlewares share about one request (middy's `request.internal`). */
type EdgeState = { requestId?: string };
type EdgeRequest = MiddyRequest<unknown, unknown, unknown, Context, EdgeState>;

/** The HTTP error handler, the last middleware: the one place errors become problem+json. */
const httpErrorHandler = (log: Logger): MiddlewareObj => ({
  onError: (request: EdgeRequest) => {
    request.response = withHouseHeaders(problemResponse(request.error, log), request.internal.requestId ?? '');
  },
});

/**
 * An API Gateway HTTP API handler: the house edge around a route's own logic, as middy
 * middlewares: telemetry first, then the edge's validation (in order: the caller's auth, the
 * gateway's signature, the path parameters (their declared schema), the body of its declared kind
 * (size, type, depth, card screen, schema)), then the HTTP error handler; one structured line per request,
 * keyed by the request id.
 */
export const httpRoute = <Trigger extends HttpTrigger>(
  spec: RouteSpec<Trigger>,
  handle: (request: HttpRequest<BodyOf<Trigger>>) => Promise<HttpResult>,
) => {
  const { auth, body, bodyKind = 'json', bodyLimitBytes, path, pathParameters } = spec.trigger;
  const verifySignature = auth === 'gateway' ? spec.verifySignature : undefined;
  if (auth === 'gateway' && !verifySignature) throw new ConfigurationError(`signature verification of ${path}`);
  const verifyBearer = auth === 'optional' ? spec.verifyBearer : undefined;
  if (auth === 'optional' && !verifyBearer) throw new ConfigurationError(`token verification of ${path}`);
  const checkedPath = pathValidator(path, pathParameters);
  let bodySpec: BodySpec<unknown> | undefined;
  if (body) {
    if (bodyLimitBytes === undefined) throw new ConfigurationError(`bodyLimitBytes of ${path}`);
    bodySpec = { schema: body, limitBytes: bodyLimitBytes, screenCardData: auth !== 'gateway' };
  }
  // A logger and metrics per function: their context, keys and counts are their own, even where
  // functions share a process.
  const functionTelemetry = { log: logger.createChild(), metrics: new FunctionMetrics() };
  const { log, metrics } = functionTelemetry;

  /** The edge's validation: the event becomes the handler's request, its result the response. */
  const edge: MiddlewareObj = {
    before: async (request: EdgeRequest) => {
      const event = request.event as HttpEvent;
      const { requestId } = event.requestContext;
      request.internal.requestId = requestId;
      log.appendKeys({ requestId, route: event.routeKey });
      const caller = callerFrom(event) ?? (verifyBearer ? await callerFromBearer(event, verifyBearer) : undefined);
      authorize(auth, caller);
      if (verifySignature) await verifySignature(event);
      // The path before the body: a path that names nothing is a 404 whatever the body.
      const checkedParameters = checkedPath(decodedPathParameters(event.pathParameters));
      request.event = {
        method: event.requestContext.http.method,
        body: bodySpec ? parseBody[bodyKind](event, bodySpec) : undefined,
        caller,
        pathParameters: checkedParameters,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        headers: event.headers as Record<string, string>,
        requestId,
        sourceIp: event.requestContext.http.sourceIp,
        metrics,
      } satisfies HttpRequest<unknown>;
    },
    after: (request: EdgeRequest) => {
      const response = toResponse(request.response as HttpResult);
      log.info('request completed', { status: response.statusCode });
      request.response = withHouseHeaders(response, request.internal.requestId ?? '');
    },
  };

  const route = withMiddy((request: HttpRequest<BodyOf<Trigger>>) => handle(request))
    .use(telemetry(functionTelemetry))
    .use(edge)
    .use(httpErrorHandler(log));
  // API Gateway invokes it with its event; the edge hands the route its request.
  return route as unknown as (event: HttpEvent, context: Context) => Promise<HttpResponse>;
};

export const ok = (body: unknown): HttpResult => ({ status: 200, body });
export const created = (body: unknown, location?: string): HttpResult => ({
  status: 201,
  body,
  ...(location ? { headers: { location } } : {}),
});
export const accepted = (body: unknown): HttpResult => ({ status: 202, body });
export const noContent = (): HttpResult => ({ status: 204 });
export const found = (location: string): HttpResult => ({ status: 302, headers: { location } });
