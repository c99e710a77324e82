import { cardNumberSpans } from './card-data';
import { E164_SOURCE } from './e164';
import { originalStack } from './stack-traces';

// Logs carry no personal data. Values are scrubbed by what they look like: an email, an E.164
// number, a JWT or a card number, wherever it sits, is replaced...
const EMAIL = /[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const E164 = new RegExp(E164_SOURCE, 'g');
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;
// Ids name what an operator follows through the logs, so they stay whole: the service's own
// (`acc_`, `fax_`, `upl_`, `rrq_` and a ULID, whose time part starts 0-7; its base32 may hold a long
// digit run, never a card), a bare ULID (without 13 digits in a row: a card's shortest), and a
// UUID (AWS's request and message ids), whose groups hold at most 12 digits each. Whatever sits
// beside an id is screened on its own, so a number glued to one is still found.
const CROCKFORD = '[0-9A-HJKMNP-TV-Z]';
const HEX = '[0-9A-Fa-f]';
const IDS = [
  String.raw`\b(?:acc|fax|upl|rrq|jfr|jfc)_[0-7]${CROCKFORD}{25}\b`,
  String.raw`(?<![0-9A-Za-z])(?!${CROCKFORD}{0,13}\d{13})[0-7]${CROCKFORD}{25}(?![0-9A-Za-z])`,
  String.raw`(?<![0-9A-Za-z])${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}(?![0-9A-Za-z])`,
];
const ID = new RegExp(`(${IDS.join('|')})`);
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
    // A login's one-time password and an email change's code prove identity (the code sits in an
    // email's `params` or an `emailChange`; `code` itself stays readable: it names AWS errors).
    'temporaryPassword',
    'codeHash',
    'pendingEmail',
    'emailChange',
    // A rights request's proof: the token that opens it (in its receipt or header), its digests.
    'requestToken',
    'x-request-token',
    'requestTokenHash',
    'pendingCode',
    'params',
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
    // Junk-fax reports: the numbers reported, who reported, and an admin's reason (free text).
    'senderFaxNumber',
    'recipientFaxNumber',
    'reporterName',
    'reporterEmail',
    // A referral's friend (POST /referrals).
    'friendName',
    'friendEmail',
    'reason',
    // The email pipeline: a template's parameters (temporary passwords, codes), SES's recipients.
    'params',
    'temporaryPassword',
    'emailAddress',
    // Free text a client writes, like a name: it may hold anything (redact.test.ts walks the schemas for these).
    'privacyPolicyVersion',
    'billing',
    'cardNumber',
    'cvv',
    'cvc',
    'corrections',
    'details',
    'description',
    // An admin's reason (a rights request's extension): it may name the person.
    'reason',
    'extensionReason',
    // A legal request: its requester (a person acting for an organization), their documents, the reasons it was closed.
    'name',
    'organization',
    'documentRefs',
    'consentDocumentRef',
    'closingReason',
  ].map((key) => key.toLowerCase()),
);
/**
 * Keys redacted where their value is text: a policy version's `summary` (an admin's free text),
 * while a scheduled job's `summary` (an object of counts, its outcome line) stays readable.
 */
const SECRET_TEXT_KEYS = new Set(['summary']);
const REDACTED = '[redacted]';
const MAX_DEPTH = 8;
/** How many `cause` links of an error are kept: enough to see the root failure, bounded. */
const MAX_CAUSES = 3;

/** The text with each card number the card screen finds, however presented, replaced; the rest kept. */
const redactCardNumbers = (text: string): string => {
  let kept = '';
  let from = 0;
  for (const { start, end } of cardNumberSpans(text)) {
    kept += text.slice(from, start) + REDACTED;
    from = end;
  }
  return kept + text.slice(from);
};

const redactString = (text: string): string =>
  text
    .replace(JWT, REDACTED)
    .replace(EMAIL, REDACTED)
    .replace(E164, REDACTED)
    .split(ID)
    // Split by a capturing pattern: the odd parts are ids, kept whole.
    .map((part, index) => (index % 2 === 1 ? part : redactCardNumbers(part)))
    .join('');

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
  if (error.stack !== undefined) logged.stack = redactString(originalStack(error.stack));
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
    Object.entries(value).map(([key, item]) => [key, SECRET_KEYS.has(key.toLowerCase()) || (typeof item === 'string' && SECRET_TEXT_KEYS.has(key.toLowerCase())) ? REDACTED : redact(item, depth + 1)]),
  );
};
