import { containsCardNumber } from './card-data';
import { E164_SOURCE } from './e164';

// Logs carry no personal data. Values are scrubbed by what they look like: an email, an E.164
// number, a JWT or a card number, wherever it sits, is replaced...
const EMAIL = /[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const E164 = new RegExp(E164_SOURCE, 'g');
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;
// Candidate card numbers: digit runs, single spaces or dashes between; card-data's screen decides.
const DIGIT_RUN = /\d(?:[ -]?\d)*/g;
// ...and under these keys (exact names, any case) the value is secret or personal whatever it
// holds. Exact, not substrings: `functionName`, `errorCode`, `problemType` or `route` stay readable.
const SECRET_KEYS = new Set(
  [
    'authorization',
    'cookie',
    'set-cookie',
    'token',
    'processorToken',
    'password',
    'secret',
    'signature',
    'contentBase64',
    'body',
    'email',
    'contactEmail',
    'phone',
    'faxNumber',
    'from',
    'to',
    'company',
    'contactName',
    'address',
    'remoteStationId',
    'billing',
    'cardNumber',
    'cvv',
    'cvc',
    'corrections',
    'details',
    'description',
  ].map((key) => key.toLowerCase()),
);
const REDACTED = '[redacted]';
const MAX_DEPTH = 8;
/** How many `cause` links of an error are kept: enough to see the root failure, bounded. */
const MAX_CAUSES = 3;

const redactString = (text: string): string => {
  const scrubbed = text
    .replace(JWT, REDACTED)
    .replace(EMAIL, REDACTED)
    .replace(E164, REDACTED)
    .replace(DIGIT_RUN, (run) => (containsCardNumber(run) ? REDACTED : run));
  // Whatever else the card screen still sees (another format) takes the whole string with it.
  return containsCardNumber(scrubbed) ? REDACTED : scrubbed;
};

interface LoggedError {
  name: string;
  message: string;
  stack?: string;
  cause?: unknown;
}

// An error keeps what an operator needs (name, message, stack, the chain of causes), all
// scrubbed; its other fields (SDK metadata, a request's values) are left out.
const redactError = (error: Error, causes: number, depth: number): LoggedError => {
  const logged: LoggedError = { name: error.name, message: redactString(error.message) };
  if (error.stack !== undefined) logged.stack = redactString(error.stack);
  if (error.cause !== undefined && causes < MAX_CAUSES) {
    logged.cause = error.cause instanceof Error ? redactError(error.cause, causes + 1, depth) : redact(error.cause, depth + 1);
  }
  return logged;
};

/** A copy of `value` that is safe to log. */
export const redact = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return redactString(value);
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactError(value, 0, depth);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : redact(item, depth + 1)]),
  );
};
