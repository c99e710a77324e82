import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { logger } from '../logger';
import { authorize, callerFrom } from './caller';
import { parseJsonBody, type BodySpec } from './json-body';
import { HOUSE_HEADERS } from './house-headers';
import { PROBLEM_CONTENT_TYPE, problemFor } from './problem';
import type { $ZodType } from 'zod/v4/core';
import { ConfigurationError } from '../errors';
import { FunctionMetrics } from '../metrics';
import type { Caller, HttpEvent, HttpRequest, HttpResponse, HttpResult, HttpTrigger, RouteAuth } from './types';

/** A route: its declared trigger (auth, body schema and limit). */
export interface RouteSpec<Trigger extends HttpTrigger> {
  trigger: Trigger;
  /** For `gateway` routes: checks the request's signature over the raw body before anything else. */
  verifySignature?: (event: HttpEvent) => Promise<void>;
}

/** What the edge learns before the handler runs; middlewares fill it in, in order. */
interface EdgeState {
  caller?: Caller;
  body?: unknown;
}
type EdgeEvent = HttpEvent & { edge?: EdgeState };
type Middleware = MiddlewareObj<EdgeEvent, HttpResponse, Error, Context>;

// One structured line per request, keyed by the request id; refusals and failures are logged
// where they become problems.
const accessLog = (log: Logger): Middleware => ({
  before: ({ event }) => {
    log.appendKeys({ requestId: event.requestContext.requestId, route: event.routeKey });
  },
  after: ({ response }) => {
    log.info('request completed', { status: response?.statusCode });
  },
});

// Registered second, so its `after` and `onError` run last: every response, success or problem,
// leaves with the request id and the house headers.
const houseHeaders = (): Middleware => {
  const stamp: Middleware['after'] = (request) => {
    request.response = {
      ...request.response,
      headers: { ...request.response?.headers, ...HOUSE_HEADERS, 'x-request-id': request.event.requestContext.requestId },
    };
  };
  return { after: stamp, onError: stamp };
};

const authenticate = (auth: RouteAuth): Middleware => ({
  before: ({ event }) => {
    const caller = callerFrom(event);
    authorize(auth, caller);
    event.edge = { ...event.edge, caller };
  },
});

const verifySignature = (verify: (event: HttpEvent) => Promise<void>): Middleware => ({
  before: async ({ event }) => {
    await verify(event);
  },
});

const jsonBody = <Body>(spec: BodySpec<Body>): Middleware => ({
  before: ({ event }) => {
    event.edge = { ...event.edge, body: parseJsonBody(event, spec) };
  },
});

// Registered last, so its `onError` runs first: the one place errors become problem+json.
const problemResponses = (log: Logger): Middleware => ({
  onError: (request) => {
    const problem = problemFor(request.error);
    if (problem.status >= 500) log.error('request failed', { error: request.error as Error });
    else log.info('request refused', { status: problem.status, problemType: problem.type });
    request.response = {
      statusCode: problem.status,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE },
      body: JSON.stringify(problem),
    };
  },
});

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

/** What a route's declared body schema validates to; `undefined` for routes that take no body. */
type BodyOf<Trigger> = Trigger extends { body: $ZodType<infer Body> } ? Body : undefined;

/** An API Gateway HTTP API handler: the house middleware stack around a route's own logic. */
export const httpRoute = <Trigger extends HttpTrigger>(
  spec: RouteSpec<Trigger>,
  handle: (request: HttpRequest<BodyOf<Trigger>>) => Promise<HttpResult>,
) => {
  // A logger and metrics per function: their context, keys and counts are their own, even where
  // functions share a process.
  const log = logger.createChild();
  const metrics = new FunctionMetrics();
  const stack = middy<EdgeEvent, HttpResponse, Error, Context>()
    .use(injectLambdaContext(log, { resetKeys: true }))
    .use(metrics.publisher())
    .use(accessLog(log))
    .use(houseHeaders())
    .use(authenticate(spec.trigger.auth));
  if (spec.trigger.auth === 'gateway') {
    if (!spec.verifySignature) throw new ConfigurationError(`signature verification of ${spec.trigger.path}`);
    stack.use(verifySignature(spec.verifySignature));
  }
  if (spec.trigger.body) {
    const limitBytes = spec.trigger.bodyLimitBytes;
    if (limitBytes === undefined) throw new ConfigurationError(`bodyLimitBytes of ${spec.trigger.path}`);
    stack.use(jsonBody({ schema: spec.trigger.body, limitBytes, screenCardData: spec.trigger.auth !== 'gateway' }));
  }
  return stack.use(problemResponses(log)).handler(async (event) =>
    toResponse(
      await handle({
        method: event.requestContext.http.method,
        body: event.edge?.body as BodyOf<Trigger>,
        caller: event.edge?.caller,
        pathParameters: decodedPathParameters(event.pathParameters),
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        headers: event.headers as Record<string, string>,
        requestId: event.requestContext.requestId,
        metrics,
      }),
    ),
  );
};

export const ok = (body: unknown): HttpResult => ({ status: 200, body });
export const created = (body: unknown, location?: string): HttpResult => ({
  status: 201,
  body,
  ...(location ? { headers: { location } } : {}),
});
export const accepted = (body: unknown): HttpResult => ({ status: 202, body });
export const noContent = (): HttpResult => ({ status: 204 });
