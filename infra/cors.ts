/**
 * The HTTP API's CORS policy: the stack configures API Gateway with it and the local runtime
 * mirrors it. Only the allowed origins differ: each stage's are in `config.ts`, the local
 * runtime's come from `CORS_ORIGINS`.
 */
export const CORS_POLICY = {
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  // What a web client sends beyond the CORS-safelisted headers: its token, JSON bodies, and a
  // rights request's `x-request-token`.
  allowHeaders: ['authorization', 'content-type', 'x-request-token'],
  // What a web client's script may read beyond the safelisted response headers.
  exposeHeaders: ['x-request-id', 'location', 'retry-after'],
  // How long a browser keeps a preflight's answer: 2 hours, Chromium's cap. Each preflight costs
  // an invocation of the `$default` route's function.
  maxAgeSeconds: 7200,
  // Tokens travel in `authorization`, never in cookies: browsers send no credentials.
  allowCredentials: false,
} as const;

/** An origin exactly as a browser sends it: scheme, host and port, nothing more (`https://app.example.com`). */
export const isOrigin = (value: string): boolean => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
};
