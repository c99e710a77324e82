/**
 * A browser's CORS preflight (Fetch standard): an OPTIONS naming the origin and the method it
 * means to send. API Gateway reads a preflight the same way; any other OPTIONS is an ordinary request.
 */
export const isCorsPreflight = (method: string, headers: Readonly<Record<string, string | string[] | undefined>>): boolean =>
  method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;
