/** A field-level problem in the request, reported as `errors[]` without echoing the value. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * A FieldError's path: keys and indexes joined by dots, `whole` for the value itself. A key is
 * named only when `isShown` says it is our own (declared by the route's schema): any other key
 * the client chose, an email or a name sent as a key, could carry personal data and shows as "*".
 */
export const fieldPath = (segments: readonly PropertyKey[], isShown: (key: string) => boolean, whole = '(body)'): string =>
  segments.length === 0
    ? whole
    : segments.map((segment) => (typeof segment === 'number' ? String(segment) : typeof segment === 'string' && isShown(segment) ? segment : '*')).join('.');

/** Errors the rules raise; the HTTP edge maps each class to exactly one problem type. */
export abstract class DomainError extends Error {
  protected constructor(readonly detail: string) {
    super(detail);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError {
  constructor(detail: string, readonly errors: FieldError[] = []) {
    super(detail);
  }
}
export class UnsupportedMediaType extends DomainError {
  constructor(detail = 'The request body must be JSON (content-type: application/json).') {
    super(detail);
  }
}
export class PayloadTooLarge extends DomainError {
  constructor(detail: string) {
    super(detail);
  }
}
export class Unauthenticated extends DomainError {
  constructor(detail = 'Missing or invalid credentials.') {
    super(detail);
  }
}
export class Forbidden extends DomainError {
  constructor(detail = 'You are not allowed to do this.') {
    super(detail);
  }
}
export class NotFound extends DomainError {
  constructor(detail = 'Not found.') {
    super(detail);
  }
}
export class MethodNotAllowed extends DomainError {
  constructor(readonly allowed: string[]) {
    super(`This resource answers ${allowed.join(', ')} only.`);
  }
}
export class RequestTimeout extends DomainError {
  constructor(detail = 'The request was not received in time.') {
    super(detail);
  }
}
export class Conflict extends DomainError {
  constructor(detail: string) {
    super(detail);
  }
}
export class Gone extends DomainError {
  constructor(detail: string) {
    super(detail);
  }
}
export class HeadersTooLarge extends DomainError {
  constructor(detail = 'The request headers are too large.') {
    super(detail);
  }
}
export class BusinessRuleViolation extends DomainError {
  constructor(detail: string) {
    super(detail);
  }
}

/** Too many requests from one source within a window (a per-source throttle); answered with `Retry-After`. */
export class TooManyRequests extends DomainError {
  constructor(
    detail: string,
    /** When a retry can next succeed, in whole seconds from now (the window's end, a hold's). */
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

/** A missing setting is a deployment fault, not a client error: it surfaces as a generic 500. */
export class ConfigurationError extends Error {
  constructor(setting: string) {
    super(`Missing configuration: ${setting}`);
    this.name = 'ConfigurationError';
  }
}
