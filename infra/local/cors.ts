import type { IncomingHttpHeaders } from 'node:http';
import { isCorsPreflight } from '../../shared/http/cors-preflight';
import { CORS_POLICY, isOrigin } from '../cors';

// The web client's development server (Vite's default port).
const DEFAULT_ORIGINS = 'http://localhost:5173';

/** The allowed origins from `CORS_ORIGINS` (comma-separated; empty allows none), else the web client's dev server. */
export const corsOriginsFrom = (list: string = DEFAULT_ORIGINS): string[] => {
  const origins = list
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  if (!origins.every(isOrigin)) throw new Error('CORS_ORIGINS must list origins (scheme://host[:port]), comma-separated');
  return origins;
};

/**
 * The CORS headers API Gateway adds to a response: for an allowed origin, that origin, and the
 * policy's allow-* headers on a preflight or its expose headers on any other request; for any
 * other origin (or none), nothing. No `access-control-allow-credentials`: the policy allows none.
 */
export const corsHeadersFor = (allowedOrigins: readonly string[], method: string, headers: IncomingHttpHeaders): Record<string, string> => {
  const { origin } = headers;
  if (origin === undefined || !allowedOrigins.includes(origin)) return {};
  const allowed = { 'access-control-allow-origin': origin, vary: 'origin' };
  if (!isCorsPreflight(method, headers)) return { ...allowed, 'access-control-expose-headers': CORS_POLICY.exposeHeaders.join(',') };
  return {
    ...allowed,
    'access-control-allow-methods': CORS_POLICY.allowMethods.join(','),
    'access-control-allow-headers': CORS_POLICY.allowHeaders.join(','),
    'access-control-max-age': String(CORS_POLICY.maxAgeSeconds),
  };
};

/** An integration's (lower-cased) response headers as API Gateway passes them once CORS is configured: without CORS headers of its own. */
export const withoutCorsHeaders = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('access-control-')));
