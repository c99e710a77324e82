import { containsCardNumber } from './card-data';
import { E164_SOURCE } from './e164';

// Logs carry no personal data: values under these keys are replaced, whatever they hold...
const SENSITIVE_KEY =
  /email|phone|faxnumber|^(from|to)$|remotestationid|name|company|address|token|secret|password|authorization|cookie|card|cvv|cvc|body|document|contentbase64|code|billing|corrections|details|description/i;
// ...and strings elsewhere are scrubbed of anything that looks like an email, an E.164 number,
// a JWT or a card number.
const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g;
const E164 = new RegExp(E164_SOURCE, 'g');
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;
const DIGITS = /\d(?:[ -]?\d){12,}/g;
const REDACTED = '[redacted]';

const redactString = (text: string): string =>
  text
    .replace(JWT, REDACTED)
    .replace(EMAIL, REDACTED)
    .replace(E164, REDACTED)
    .replace(DIGITS, (run) => (containsCardNumber(run) ? REDACTED : run));

/** A copy of `value` that is safe to log. */
export const redact = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return redactString(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redactString(value.message) };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SENSITIVE_KEY.test(key) ? REDACTED : redact(item, depth + 1)]),
  );
};
