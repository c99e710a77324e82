import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PayloadTooLarge, Unauthenticated } from '../../shared/errors';
import { problemFor } from '../../shared/http/problem';
import type { HttpTrigger } from '../../shared/http/types';
import { buildEvent, createRouter, toHttpResponse } from './api-gateway';
import type { LocalFunction } from './functions';
import type { LocalTokens } from './jwt';
import { handleLocalRoute, type LocalRouteDependencies } from './local-routes';

// API Gateway's HTTP API caps payloads at 10 MB; the local server refuses larger ones the same way.
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) {
        request.destroy();
        reject(new PayloadTooLarge(`Request bodies are limited to ${MAX_PAYLOAD_BYTES} bytes.`));
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const send = (response: ServerResponse, requestId: string, status: number, headers: Record<string, string>, body: Buffer) => {
  response.writeHead(status, { 'x-request-id': requestId, ...headers, 'content-length': String(body.length) });
  response.end(body);
};

const sendJson = (response: ServerResponse, requestId: string, status: number, body: unknown) =>
  send(response, requestId, status, body === undefined ? {} : { 'content-type': 'application/json' }, Buffer.from(body === undefined ? '' : JSON.stringify(body)));

const sendProblem = (response: ServerResponse, requestId: string, error: unknown) => {
  const problem = problemFor(error);
  send(response, requestId, problem.status, { 'content-type': 'application/problem+json' }, Buffer.from(JSON.stringify(problem)));
};

const bearerToken = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

export interface HttpServerDependencies extends LocalRouteDependencies {
  functions: LocalFunction<HttpTrigger>[];
  tokens: LocalTokens;
}

/** The HTTP API in front of the functions, plus the `/_local/*` routes. */
export const createHttpServer = (deps: HttpServerDependencies): Server => {
  const route = createRouter(deps.functions);
  return createServer(async (request, response) => {
    const requestId = randomUUID();
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const method = request.method ?? 'GET';
      const body = await readBody(request);
      if (url.pathname.startsWith('/_local/')) {
        const result = await handleLocalRoute(deps, method, url, body);
        sendJson(response, requestId, result.status, result.body);
        return;
      }
      const matched = route(method, url.pathname);
      if (!matched) throw new Error('no $default route declared');
      // Like the JWT authorizer: customer and admin routes need a valid token; public and gateway
      // routes have no authorizer and see no claims (gateways sign their requests instead).
      const { auth } = matched.fn.declaration.trigger;
      const protectedRoute = auth === 'customer' || auth === 'admin';
      const token = protectedRoute ? bearerToken(request.headers.authorization) : undefined;
      const claims = token ? await deps.tokens.verify(token) : undefined;
      if (protectedRoute && !claims) throw new Unauthenticated();
      const event = buildEvent({ method, url, headers: request.headers, body, sourceIp: request.socket.remoteAddress ?? '127.0.0.1' }, matched, requestId, claims);
      const result = toHttpResponse(await matched.fn.invoke(event, requestId));
      send(response, requestId, result.status, result.headers, result.body);
    } catch (error) {
      if (problemFor(error).status >= 500) process.stderr.write(`local runtime: request ${requestId} failed: ${(error as Error).name}\n`);
      sendProblem(response, requestId, error);
    }
  });
};
