import * as z from 'zod/mini';
import {
  BusinessRuleViolation,
  Conflict,
  DomainError,
  Forbidden,
  Gone,
  HeadersTooLarge,
  InvalidInput,
  MethodNotAllowed,
  NotFound,
  PayloadTooLarge,
  RequestTimeout,
  TooManyRequests,
  Unauthenticated,
  UnsupportedMediaType,
} from '../errors';

/** RFC 9457 problem details, as every error response carries them (and the OpenAPI document shows); lazy, as response schemas are. */
export const problemSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    type: z.url(),
    title: z.string(),
    status: z.int().check(z.gte(400), z.lte(599)),
    detail: z.string(),
    errors: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
  }),
);
type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const PROBLEM_BASE = 'https://westfax.com/problems/';

// The one place that maps domain errors to HTTP: status, problem type and title per class.
const PROBLEM_KINDS: [new (...args: never[]) => DomainError, number, string, string][] = [
  [InvalidInput, 400, 'invalid-input', 'Invalid input'],
  [Unauthenticated, 401, 'unauthenticated', 'Unauthenticated'],
  [Forbidden, 403, 'forbidden', 'Forbidden'],
  [NotFound, 404, 'not-found', 'Not found'],
  [MethodNotAllowed, 405, 'method-not-allowed', 'Method not allowed'],
  [RequestTimeout, 408, 'request-timeout', 'Request timeout'],
  [Conflict, 409, 'conflict', 'Conflict'],
  [Gone, 410, 'gone', 'Gone'],
  [PayloadTooLarge, 413, 'payload-too-large', 'Payload too large'],
  [UnsupportedMediaType, 415, 'unsupported-media-type', 'Unsupported media type'],
  [BusinessRuleViolation, 422, 'business-rule-violation', 'Business rule violation'],
  [TooManyRequests, 429, 'too-many-requests', 'Too many requests'],
  [HeadersTooLarge, 431, 'headers-too-large', 'Request header fields too large'],
];

const INTERNAL_ERROR_TITLE = 'Internal error';

/** The title of the problems of a status, as `problemFor` gives them. */
export const problemTitleOf = (status: number): string =>
  PROBLEM_KINDS.find(([, kindStatus]) => kindStatus === status)?.[3] ?? INTERNAL_ERROR_TITLE;

/** The problem for an error; anything not a domain error is a generic 500 that reveals nothing. */
export const problemFor = (error: unknown): Problem => {
  if (error instanceof DomainError) {
    const kind = PROBLEM_KINDS.find(([errorClass]) => error instanceof errorClass);
    if (kind) {
      const [, status, slug, title] = kind;
      return {
        type: PROBLEM_BASE + slug,
        title,
        status,
        detail: error.detail,
        ...(error instanceof InvalidInput && error.errors.length > 0 ? { errors: error.errors } : {}),
      };
    }
  }
  return {
    type: PROBLEM_BASE + 'internal-error',
    title: INTERNAL_ERROR_TITLE,
    status: 500,
    detail: 'The request could not be completed. Try again later.',
  };
};
