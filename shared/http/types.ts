import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { $ZodObject, $ZodType } from 'zod/v4/core';
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
  /** The client's IP address, as API Gateway saw it (a per-source throttle's key, never stored as it is). */
  sourceIp: string;
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
 * are signed by a fax gateway (Standard Webhooks) and verified by the function itself. `optional`
 * routes are public or customer: no token is anyone, a valid one is its caller, a bad one a 401.
 * An HTTP API JWT authorizer cannot be optional, so in AWS such a route has none and its
 * function verifies the token itself, as the authorizer would (route.ts, `verifyBearer`).
 */
export type RouteAuth = 'public' | 'optional' | 'customer' | 'admin' | 'gateway';

/** An ID token's verified claims, as a JWT verifier returns them. */
export type TokenClaims = Record<string, string | number | boolean | string[]>;

/** Verifies a bearer token as the JWT authorizer does: its claims, or undefined for a bad token. */
export type BearerVerifier = (token: string) => Promise<TokenClaims | undefined>;

/**
 * Each success status of a route with its body's schema (`null`: no body), as the OpenAPI document
 * shows them; 302 is a redirect (`location`), bodiless. Declared beside the route's trigger, as
 * `responses` of its declaration module (functions/catalog.ts).
 */
export type RouteResponses = Readonly<Partial<Record<200 | 201 | 202 | 204, $ZodType | null> & Record<302, null>>>;

/** A route's request body media type (`HttpTrigger.bodyKind`). */
type BodyKind = 'json' | 'form';

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
  /** The request body's schema: the edge validates with it and the OpenAPI document describes it. */
  body?: $ZodType;
  /**
   * How the body is sent: JSON (the default), or an optional HTML form
   * (`application/x-www-form-urlencoded`, fields as strings; no body at all is `{}`), which is what
   * mail providers POST to a one-click unsubscribe link (RFC 8058).
   */
  bodyKind?: BodyKind;
  /**
   * The path parameters' schema: required when the path has any, naming exactly them; the edge
   * checks each before the handler runs (a malformed resource id is a 404, shared/http/path.ts).
   */
  pathParameters?: $ZodObject;
  /** The query parameters' schema (objects of strings and numbers). */
  query?: $ZodType;
  /**
   * The problems the route's own rules give; those of the edge (400, 401, 403, 413, 415, 500)
   * follow from its auth and body, and need not be listed.
   */
  problems?: readonly (404 | 409 | 410 | 422 | 429)[];
}
