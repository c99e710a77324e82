import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { BusinessMetrics } from '../metrics';

/** Who is calling, from the JWT claims the authorizer verified. */
export interface Caller {
  sub: string;
  email?: string;
  accountId?: string;
  isAdmin: boolean;
}

/** The API Gateway HTTP API (v2) event, as the JWT authorizer delivers it. */
export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, string | number | boolean | string[]> } };
  };
};
export type HttpResponse = APIGatewayProxyStructuredResultV2;

/** What a route's handler sees: validated body, verified caller, path and query. */
export interface HttpRequest<Body> {
  /** The request method, upper-case (`GET`). */
  method: string;
  body: Body;
  caller?: Caller;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  requestId: string;
  /** Counts the route's business events (sign-ups, faxes accepted). */
  metrics: BusinessMetrics;
}

/** What a route's handler returns; the edge turns it into a response with the house headers. */
export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Who may call a route. `customer` and `admin` come behind the JWT authorizer; `gateway` routes
 * are signed by a fax gateway (Standard Webhooks) and verified by the function itself.
 */
export type RouteAuth = 'public' | 'customer' | 'admin' | 'gateway';

/** An API route, served by API Gateway's HTTP API in AWS and by the local runtime's HTTP server. */
export interface HttpTrigger {
  kind: 'http';
  /** `ANY` only for the catch-all `$default` route. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';
  /** API Gateway route path (`/faxes/{faxId}`), or `$default` for the catch-all. */
  path: string;
  auth: RouteAuth;
  /** Largest accepted request body; routes without a body take none. */
  bodyLimitBytes?: number;
}
