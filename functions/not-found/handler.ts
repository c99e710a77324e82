import { NotFound } from '../../shared/errors';
import { isCorsPreflight } from '../../shared/http/cors-preflight';
import { httpRoute, noContent } from '../../shared/http/route';
import declaration from './function';

// No route takes OPTIONS, so API Gateway hands a CORS preflight to `$default` like any unrouted
// request. A 2xx lets it pass; API Gateway adds the CORS headers for an allowed origin, none else.
export const handler = httpRoute({ trigger: declaration.trigger }, async ({ method, headers }) => {
  if (isCorsPreflight(method, headers)) return noContent();
  throw new NotFound('No such route.');
});
