import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { HeadersTooLarge, InvalidInput, MethodNotAllowed, PayloadTooLarge, RequestTimeout, Unauthenticated } from '../../shared/errors';
import { isCorsPreflight } from '../../shared/http/cors-preflight';
import { HOUSE_HEADERS } from '../../shared/http/house-headers';
import { PROBLEM_CONTENT_TYPE, problemFor } from '../../shared/http/problem';
import type { HttpTrigger } from '../../shared/http/types';
import { buildEvent, createRouter, parseRequestTarget, toHttpResponse } from './api-gateway';
import { corsHeadersFor, withoutCorsHeaders } from './cors';
import type { LocalFunction } from './functions';
import type { LocalTokens } from './jwt';
import { handleLocalRoute, type LocalRouteDependencies } from './local-routes';

// API Gateway's HTTP API caps payloads at 10 MB; the local server refuses larger ones the same way.
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
// After refusing a connection, how long its client may go on sending before the socket is closed.
// Closing at once, with its bytes unread, would reset the connection and lose the refusal.
const REFUSED_SOCKET_LINGER_MS = 2_000;

/**
 * The body, or a 413 once it is over the cap. An oversized body is read to its end and dropped,
 * so that the client, still sending, receives the 413 rather than a reset connection.
 */
const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
      else chunks = [];
    });
    request.on('end', () => {
      if (size > MAX_PAYLOAD_BYTES) reject(new PayloadTooLarge(`Request bodies are limited to ${MAX_PAYLOAD_BYTES} bytes.`));
      else resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });

/** What the local server answers by itself carries what every function's response carries. */
const ownHeaders = (requestId: string) => ({ ...HOUSE_HEADERS, 'x-request-id': requestId });

const send = (response: ServerResponse, status: number, headers: Record<string, string>, body: Buffer) => {
  response.writeHead(status, { ...headers, 'content-length': String(body.length) });
  response.end(body);
};

const sendJson = (response: ServerResponse, requestId: string, status: number, body: unknown) =>
  send(
    response,
    status,
    { ...ownHeaders(requestId), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    Buffer.from(body === undefined ? '' : JSON.stringify(body)),
  );

const problemHeaders = (requestId: string, error: unknown): Record<string, string> => ({
  ...ownHeaders(requestId),
  'content-type': PROBLEM_CONTENT_TYPE,
  ...(error instanceof MethodNotAllowed ? { allow: error.allowed.join(', ') } : {}),
});

const problemBody = (requestId: string, error: unknown): { status: number; body: Buffer } => {
  const problem = problemFor(error);
  if (problem.status >= 500) process.stderr.write(`local runtime: request ${requestId} failed: ${(error as Error).name}\n`);
  return { status: problem.status, body: Buffer.from(JSON.stringify(problem)) };
};

const sendProblem = (response: ServerResponse, requestId: string, error: unknown) => {
  // A response already under way cannot become a problem: end the connection instead.
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const { status, body } = problemBody(requestId, error);
  send(response, status, problemHeaders(requestId, error), body);
};

/**
 * Answers a connection Node's HTTP parser refused (or a CONNECT) with a problem, written straight
 * to the socket as API Gateway would answer it, then closes it. Nothing is written where a
 * response is already under way or the client has gone.
 */
const refuseConnection = (socket: Duplex, error: unknown) => {
  const inFlight = (socket as { _httpMessage?: ServerResponse })._httpMessage;
  if (socket.writableEnded) return; // refused already: further parser errors of the same bytes
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const requestId = randomUUID();
  const { status, body } = problemBody(requestId, error);
  const headers = { ...problemHeaders(requestId, error), 'content-length': String(body.length), connection: 'close' };
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]));
  setTimeout(() => socket.destroy(), REFUSED_SOCKET_LINGER_MS).unref();
};

const unsupportedMethod = () => new InvalidInput('The request method is not supported.');

/** The problem for a parser refusal (llhttp's `HPE_*` codes, Node's request timeout). */
export const parserRefusal = (code: string | undefined): Error => {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new HeadersTooLarge();
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new RequestTimeout();
    case 'HPE_INVALID_METHOD':
      return unsupportedMethod();
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return new InvalidInput('A request may not carry both Content-Length and Transfer-Encoding.');
    default:
      return new InvalidInput('The request is not valid HTTP/1.1.');
  }
};

const bearerToken = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

export interface HttpServerDependencies extends LocalRouteDependencies {
  functions: LocalFunction<HttpTrigger>[];
  tokens: LocalTokens;
  /** The origins CORS allows, as a stage's configuration lists them. */
  corsOrigins: readonly string[];
}

/** The HTTP API in front of the functions, plus the `/_local/*` routes. */
export const createHttpServer = (deps: HttpServerDependencies): Server => {
  const route = createRouter(deps.functions);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    // Like API Gateway's CORS configuration, on every answer: the function's, the authorizer's, a refusal.
    const method = request.method ?? 'GET';
    for (const [name, value] of Object.entries(corsHeadersFor(deps.corsOrigins, method, request.headers))) response.setHeader(name, value);
    try {
      const body = await readBody(request);
      const url = parseRequestTarget(request.url ?? '/');
      if (url.pathname.startsWith('/_local/')) {
        // A browser's preflight passes here as the `$default` route lets it pass for the API's.
        const result = isCorsPreflight(method, request.headers)
          ? { status: 204, body: undefined }
          : await handleLocalRoute(deps, { method, url, contentType: request.headers['content-type'], body });
        sendJson(response, requestId, result.status, result.body);
        return;
      }
      const matched = route(method, url.pathname);
      if (!matched) throw new Error('no $default route declared');
      // Like the JWT authorizer: customer and admin routes need a valid token; public and gateway
      // routes have no authorizer and see no claims (gateways sign their requests instead). An
      // optional route's token, when it has one, is checked the same way (in AWS its function
      // checks it): a bad one is a 401, a valid one's claims reach the function.
      const { auth } = matched.fn.declaration.trigger;
      const protectedRoute = auth === 'customer' || auth === 'admin';
      const checksToken = protectedRoute || (auth === 'optional' && request.headers.authorization !== undefined);
      const token = checksToken ? bearerToken(request.headers.authorization) : undefined;
      const claims = token ? await deps.tokens.verify(token) : undefined;
      if (checksToken && !claims) throw new Unauthenticated();
      const event = buildEvent({ method, url, headers: request.headers, body, sourceIp: request.socket.remoteAddress ?? '127.0.0.1' }, matched, requestId, claims);
      const result = toHttpResponse(await matched.fn.invoke(event, requestId));
      send(response, result.status, { 'x-request-id': requestId, ...withoutCorsHeaders(result.headers) }, result.body);
    } catch (error) {
      sendProblem(response, requestId, error);
    }
  };
  const server = createServer(handle);
  // Expectations other than 100-continue are ignored (RFC 9110 allows it), not refused bare.
  server.on('checkExpectation', handle);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET') socket.destroy(); // the client has gone: nobody to answer
    else refuseConnection(socket, parserRefusal(error.code));
  });
  // No route tunnels: a CONNECT is refused like a method the parser does not know.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => refuseConnection(socket, unsupportedMethod()));
  return server;
};
