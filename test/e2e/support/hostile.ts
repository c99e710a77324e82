import { catalog } from '../../../functions/catalog';
import { HOUSE_HEADERS } from '../../../shared/http/house-headers';
import { namesResourceById } from '../../../shared/http/path';
import type { RouteAuth } from '../../../shared/http/types';
import { sign } from '../../../shared/webhooks/standard-webhooks';
import { rawHttp } from '../../support/raw-http';
import { GATEWAY_SECRET } from './gateway';

// Sending hostile requests and judging their answers, for the hostile-input suite.

/** A request as an HTTP client sends it. */
interface ClientRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  token?: string;
}
/** A request as a client sends it, or raw bytes for what no HTTP client would send. */
export type HostileRequest = ClientRequest | { raw: string | Buffer };

interface Answer {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  text: string;
}

/** Sends a hostile request to the runtime at `baseUrl` and reads the whole answer. */
export const perform = async (baseUrl: string, request: HostileRequest): Promise<Answer> => {
  if ('raw' in request) {
    const { status, headers, body } = await rawHttp(baseUrl, request.raw);
    return { status, headers, text: body };
  }
  const headers = { ...request.headers, ...(request.token === undefined ? {} : { authorization: `Bearer ${request.token}` }) };
  const response = await fetch(baseUrl + request.path, { method: request.method, headers, body: request.body });
  return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
};

/** The digits of a card number however it was written (fullwidth digits, any separators). */
const digitsOf = (text: string) => text.normalize('NFKC').replace(/\D/g, '');

/** A written card number and what must never come back of it: the text, and its bare digits. */
export const cardSecrets = (written: string): string[] => [written, digitsOf(written)];

/**
 * Everything wrong with an answer to a hostile request: a 5xx, a missing request id or house
 * header, an error that is not a valid problem+json, any of `secrets` (card numbers, emails,
 * phone numbers the request carried) in the body, or a status other than `expectedStatus`.
 */
export const violationsOf = (answer: Answer, secrets: string[], expectedStatus?: number): string[] => {
  const violations: string[] = [];
  if (answer.status >= 500) violations.push(`answered ${answer.status}`);
  if (expectedStatus !== undefined && answer.status !== expectedStatus) violations.push(`answered ${answer.status}, not ${expectedStatus}`);
  if (!/\S/.test(answer.headers['x-request-id'] ?? '')) violations.push('no x-request-id');
  for (const [name, value] of Object.entries(HOUSE_HEADERS)) {
    if (answer.headers[name] !== value) violations.push(`${name} is ${answer.headers[name]}`);
  }
  // A refusal of a limit says when to come back (a positive whole number of seconds).
  if (answer.status === 429 && !/^[1-9]\d*$/.test(answer.headers['retry-after'] ?? '')) violations.push(`a 429 with Retry-After ${answer.headers['retry-after']}`);
  if (answer.status >= 400) {
    if (answer.headers['content-type'] !== 'application/problem+json') violations.push(`an error of content-type ${answer.headers['content-type']}`);
    let problem: Record<string, unknown> | undefined;
    try {
      problem = JSON.parse(answer.text) as Record<string, unknown>;
    } catch {
      violations.push('an error body that is not JSON');
    }
    if (problem) {
      const wellFormed =
        typeof problem.type === 'string' && typeof problem.title === 'string' && typeof problem.detail === 'string' && problem.status === answer.status;
      if (!wellFormed) violations.push('a problem without type, title, detail and its status');
    }
  }
  const normalized = answer.text.normalize('NFKC');
  const digits = digitsOf(answer.text);
  for (const secret of secrets) {
    const echoed = answer.text.includes(secret) || normalized.includes(secret.normalize('NFKC')) || (/^\d{13,19}$/.test(secret) && digits.includes(secret));
    if (echoed) violations.push(`echoed ${JSON.stringify(secret)}`);
  }
  return violations;
};

interface SignedOptions {
  webhookId?: string;
  /** Unix seconds; now by default. */
  timestamp?: string;
  secret?: string;
  contentType?: string;
}

/** A POST to a gateway route of exactly `body`, signed as a gateway signs it. */
export const signedPost = (path: string, body: string | Buffer, options: SignedOptions = {}): ClientRequest => {
  const webhookId = options.webhookId ?? `msg_${Math.random().toString(36).slice(2)}`;
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const bytes = Buffer.from(body);
  return {
    method: 'POST',
    path,
    body: bytes,
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'webhook-id': webhookId,
      'webhook-timestamp': timestamp,
      'webhook-signature': sign(options.secret ?? GATEWAY_SECRET, webhookId, timestamp, bytes),
    },
  };
};

/** Raw HTTP/1.1 request bytes, closing the connection after the answer. */
export const rawRequest = (requestLine: string, headers: string[] = [], body = ''): HostileRequest => ({
  raw: [requestLine, 'host: localhost', 'connection: close', ...headers, '', body].join('\r\n'),
});

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

/** The token's claims under `alg: none` and no signature. */
export const unsignedToken = (token: string) => `${base64url({ alg: 'none', typ: 'JWT' })}.${token.split('.')[1]}.`;

/** The token with some claims changed and its original signature kept. */
export const tamperedToken = (token: string, claims: Record<string, unknown>) => {
  const [header, , signature] = token.split('.');
  return [header, base64url({ ...claimsOf(token), ...claims }), signature].join('.');
};

/** JSON nested `depth` levels deep: `[[[…]]]`. */
export const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** JSON objects nested `depth` levels deep under the key `a`. */
export const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/**
 * For every declared route whose path has parameters: a request with each parameter `value` (sent
 * with the caller's token of the route's kind), and the status the edge must answer. Generated from
 * the declarations, so new routes are covered as they come.
 */
export const everyPathWith = (value: string) =>
  catalog.flatMap(({ trigger }) => {
    if (trigger.kind !== 'http' || !trigger.path.includes('{')) return [];
    // The edge's one rule: a malformed id names nothing (404); any other parameter is a 400.
    const status = namesResourceById(trigger.pathParameters) ? 404 : 400;
    const build = (tokens: Partial<Record<RouteAuth, string>>): { request: ClientRequest; status: number } => ({
      request: {
        method: trigger.method,
        path: trigger.path.replace(/\{\w+\}/g, encodeURIComponent(value)),
        token: tokens[trigger.auth],
        // A valid-looking body, so that only the path is wrong.
        ...(trigger.body ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
      },
      status,
    });
    return [{ route: `${trigger.method} ${trigger.path}`, build }];
  });
