import { toJSONSchema, type $ZodType } from 'zod/v4/core';
import { namesResourceById } from './path';
import { PROBLEM_CONTENT_TYPE, problemSchema, problemTitleOf } from './problem';
import type { HttpTrigger, RouteAuth, RouteResponses } from './types';

// The OpenAPI 3.1 document of the API, generated from the routes' declarations: the same zod
// schemas that validate requests describe them, so the document cannot drift from the code.

/** A route as the document lists it: its function's name, description, trigger and responses. */
export interface DocumentedRoute {
  name: string;
  description: string;
  trigger: HttpTrigger;
  responses: RouteResponses;
}

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[]; description?: string };

const jsonSchemaOf = (schema: $ZodType, io: 'input' | 'output'): JsonSchema => {
  // The document's dialect is OpenAPI 3.1's (JSON Schema 2020-12): no per-schema `$schema`.
  const { $schema: _dialect, ...rest } = toJSONSchema(schema, { io }) as JsonSchema;
  return rest;
};

const SECURITY_SCHEMES = {
  cognitoJwt: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A token of the Cognito user pool (claims `sub`, `email`, `custom:accountId`); administrators are in the `admin` group (`cognito:groups`).',
  },
  gatewaySignature: {
    type: 'apiKey',
    in: 'header',
    name: 'webhook-signature',
    description:
      'Standard Webhooks v1, for fax gateways: `webhook-id`, `webhook-timestamp` (Unix seconds, within 300 s of now) and `webhook-signature` ' +
      '(`v1,` + base64 HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${raw body}`; several space-separated signatures may be sent). ' +
      '`webhook-id` is the delivery’s idempotency key.',
  },
} as const;

const SECURITY: Record<RouteAuth, Record<string, never[]>[]> = {
  public: [],
  // OpenAPI's optional security: no requirement, or the token.
  optional: [{}, { cognitoJwt: [] }],
  customer: [{ cognitoJwt: [] }],
  admin: [{ cognitoJwt: [] }],
  gateway: [{ gatewaySignature: [] }],
};

const CALLERS: Record<RouteAuth, string> = {
  public: 'Anyone.',
  optional: 'Anyone, or a customer (a token is optional; when sent, it must be valid).',
  customer: 'Customers (a token with `custom:accountId`).',
  admin: 'Administrators (a token whose `cognito:groups` holds `admin`).',
  gateway: 'Fax gateways (signed requests).',
};

const SUCCESS_DESCRIPTIONS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content', 302: 'Found: the resource is at `location`' };

/** Every response carries the request id. */
const RESPONSE_HEADERS = { 'x-request-id': { $ref: '#/components/headers/RequestId' } };

/** The problems the edge gives a route, from its auth, path and body; the route's own rules add theirs. */
const edgeProblems = ({ auth, body, pathParameters }: HttpTrigger): number[] => [
  // Every route: a request the edge cannot read, or a path, query or body that is not valid.
  400,
  ...(auth === 'public' ? [] : [401]),
  ...(auth === 'customer' || auth === 'admin' ? [403] : []),
  // A malformed id in the path names nothing.
  ...(namesResourceById(pathParameters) ? [404] : []),
  ...(body ? [413, 415] : []),
  500,
];

const problemResponse = (status: number) => ({
  description: problemTitleOf(status),
  headers: status === 429 ? { ...RESPONSE_HEADERS, 'retry-after': { $ref: '#/components/headers/RetryAfter' } } : RESPONSE_HEADERS,
  content: {
    [PROBLEM_CONTENT_TYPE]: { schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { properties: { status: { const: status } } }] } },
  },
});

const responsesOf = (trigger: HttpTrigger, successes: RouteResponses) => {
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(successes)) {
    responses[status] = {
      description: SUCCESS_DESCRIPTIONS[Number(status)],
      headers: Number(status) === 302 ? { ...RESPONSE_HEADERS, location: { description: 'Where the resource is', schema: { type: 'string', format: 'uri' } } } : RESPONSE_HEADERS,
      ...(schema ? { content: { 'application/json': { schema: jsonSchemaOf(schema, 'output') } } } : {}),
    };
  }
  const problems = [...new Set([...edgeProblems(trigger), ...(trigger.problems ?? [])])].sort((a, b) => a - b);
  for (const status of problems) responses[status] = problemResponse(status);
  return responses;
};

/** Each property of an object schema as a parameter `in` the path or the query. */
const parametersOf = (schema: $ZodType | undefined, location: 'path' | 'query') => {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchemaOf(schema, 'input');
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    required: location === 'path' || required.includes(name),
    ...(description ? { description } : {}),
    schema: property,
  }));
};

const camelCase = (kebab: string): string => kebab.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

const operationOf = ({ name, description, trigger, responses }: DocumentedRoute) => {
  const parameters = [...parametersOf(trigger.pathParameters, 'path'), ...parametersOf(trigger.query, 'query')];
  return {
    operationId: camelCase(name),
    // A declaration's description starts with its route ("GET /faxes: …"), which the document shows already.
    summary: description.replace(/^[A-Z]+ \S+: /, ''),
    description: `Callers: ${CALLERS[trigger.auth]}`,
    security: SECURITY[trigger.auth],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(trigger.body
      ? {
          requestBody:
            trigger.bodyKind === 'form'
              ? {
                  required: false,
                  description: `An optional form (application/x-www-form-urlencoded) of at most ${trigger.bodyLimitBytes} bytes.`,
                  content: { 'application/x-www-form-urlencoded': { schema: jsonSchemaOf(trigger.body, 'input') } },
                }
              : {
                  required: true,
                  description: `JSON of at most ${trigger.bodyLimitBytes} bytes.`,
                  content: { 'application/json': { schema: jsonSchemaOf(trigger.body, 'input') } },
                },
        }
      : {}),
    responses: responsesOf(trigger, responses),
  };
};

/** The OpenAPI 3.1 document of `routes`; the catch-all (`$default`) is every other request's 404 problem. */
export const openApiDocument = (routes: readonly DocumentedRoute[]) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const { path, method } = route.trigger;
    if (path === '$default') continue;
    paths[path] = { ...paths[path], [method.toLowerCase()]: operationOf(route) };
  }
  return {
    openapi: '3.1.0' as const,
    info: {
      title: 'WestFax API',
      version: '1',
      description:
        'The online fax service’s API. Errors are RFC 9457 problem details (`application/problem+json`); any request no route serves answers a 404 problem.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: jsonSchemaOf(problemSchema, 'output') },
      headers: {
        RequestId: { description: 'The request’s id, as the logs know it.', schema: { type: 'string' } },
        RetryAfter: { description: 'Seconds until a retry can succeed (the limit’s window or hold ends).', schema: { type: 'integer', minimum: 1 } },
      },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
};
