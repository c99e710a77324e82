import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { SIGN_UPS_PER_EMAIL_PER_DAY } from '../../shared/accounts/sign-up-limits';
import { call, newCustomer, runtimeOutput, signUpFields, tokenFor } from './support/client';
import { contractViolations } from './support/contract';
import { RIGHTS_CODES_AWAITING_USE, useUpEmailChangeCodes, useUpRightsTries } from './support/codes';
import { faxEvent, gatewayCall, pdfBytes } from './support/gateway';
import {
  cardSecrets,
  everyPathWith,
  nestedArrays,
  nestedObjects,
  perform,
  rawRequest,
  signedPost,
  tamperedToken,
  unsignedToken,
  violationsOf,
  type HostileRequest,
} from './support/hostile';

// Hostile input against every route the runtime serves, one request at a time and then all at
// once: whatever arrives, the answer is a 4xx problem+json (or a success) with a request id and
// the house headers, it echoes none of the card numbers, emails or phone numbers sent, and the
// runtime stays healthy.

interface Customer {
  token: string;
  accountId: string;
  form: { email: string };
}
interface World {
  alice: Customer;
  bob: Customer & { faxId: string; faxNumber: string };
  adminToken: string;
  expiredToken: string;
  otherKeyToken: string;
  /** A mailbox whose sign-ups of the day are used up (`+tag` variants), never signed up. */
  usedUpMailbox: string;
  /** A customer whose email-change codes and tries of the day are used up (a change pending). */
  carol: Customer;
  /** An email with every rights-request code it may await at once sent. */
  limitedEmail: string;
  /** A pending rights request of an email whose tries of the day are used up. */
  lockedRequest: { requestId: string; requestToken: string };
}
interface Built {
  request: HostileRequest;
  /** What the answer must not contain: card numbers, emails and phone numbers the request carried. */
  secrets?: string[];
  /** The status the answer must have, where the contract decides it. */
  status?: number;
}
type HostileCase = [name: string, build: (world: World) => Built];

const CARD = '4111111111111111';
const CARD_SPACED = '4111 1111 1111 1111';
const CARD_DASHED = '5555-5555-5555-4444';
const CARD_DOTTED = '4111.1111.1111.1111';
const CARD_SLASHED = '4111/1111/1111/1111';
const CARD_FULLWIDTH = '４１１１１１１１１１１１１１１１';
const CARD_ZERO_WIDTH = '4111\u200b1111\u200b1111\u200b1111';
const CARD_NBSP = '4111\u00a01111\u00a01111\u00a01111';
const AMEX = '378282246310005';
const EMAIL = 'private.person@example.test';
const PHONE = '+15557654321';
const MB = 1024 * 1024;

const json = (method: string, path: string, value: unknown, token?: string): HostileRequest => ({
  method,
  path,
  token,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});
const text = (method: string, path: string, body: string | Buffer, contentType?: string, token?: string): HostileRequest => ({
  method,
  path,
  token,
  headers: contentType === undefined ? {} : { 'content-type': contentType },
  body,
});
const get = (path: string, token?: string): HostileRequest => ({ method: 'GET', path, token });

const LEGAL_ID = 'lgr_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
/** A valid legal request (API.md's example) but for `overrides`: each case breaks one thing. */
const legalBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'civil_subpoena',
  receivedInWriting: true,
  requester: { name: 'Pat Counsel', organization: 'Counsel & Co', email: 'pat@law.test', address: '1 Court St' },
  subject: { email: EMAIL },
  scope: { categories: ['account'] },
  documentRefs: ['subpoena.pdf'],
  ...overrides,
});

/** A sign-up of a fresh valid form, sent as `request` makes it; the form's personal data must not come back. */
const signUpSending =
  (request: (form: Record<string, unknown>) => HostileRequest, status?: number) =>
  (): Built => {
    // Refused before the inventory is read: its number need not be in it.
    const form = signUpFields();
    return { request: request(form), secrets: [form.email, form.faxNumber, form.phone], status };
  };
/** A sign-up of a fresh valid form changed by `change`, as JSON. */
const signUp = (change: (form: Record<string, unknown>) => unknown, status?: number) => signUpSending((form) => json('POST', '/accounts', change(form)), status);
/** A sign-up whose body is `body` made of the form's JSON text, as `contentType`. */
const signUpRaw = (body: (formJson: string) => string | Buffer, contentType: string | undefined, status?: number) =>
  signUpSending((form) => text('POST', '/accounts', body(JSON.stringify(form)), contentType), status);
/** A sign-up whose contact name is `name`. */
const signUpNamed = (name: string, status: number) => signUp((form) => ({ ...form, contactName: name }), status);
/** A built case that must also keep `secrets` to itself. */
const alsoSecret = (build: () => Built, secrets: string[]) => (): Built => {
  const built = build();
  return { ...built, secrets: [...(built.secrets ?? []), ...secrets] };
};
const signUpWithCard = (card: string) => alsoSecret(signUpNamed(`Ana ${card}`, 400), cardSecrets(card));

/** A fresh, valid inbound-fax event for `to`, changed by `change`, as JSON text. */
const faxJson = (to: string, change: (event: Record<string, unknown>) => unknown = (event) => event) => JSON.stringify(change(faxEvent(to)));
const secondsFromNow = (offset: number) => String(Math.floor(Date.now() / 1000) + offset);
/** A valid policy publication (a version never published) with `change`s: each case breaks it one way. */
const policyBody = (change: Record<string, unknown> = {}) => ({
  version: '2099-01.1',
  effectiveAt: '2099-01-01T00:00:00.000Z',
  summary: 'Faxes are kept 60 days.',
  kind: 'policy_change',
  ...change,
});

const CASES: HostileCase[] = [
  // The edge: targets, methods, framing and sizes (some below any HTTP client: raw bytes).
  ['malformed percent-encoding in a path parameter', (w) => ({ request: get('/faxes/%E0', w.alice.token), status: 400 })],
  ['a stray percent sign in an unrouted path', () => ({ request: get('/nowhere/%zz'), status: 400 })],
  ['an encoded NUL in the path', () => ({ request: get('/%00'), status: 404 })],
  ['encoded dot segments in a path parameter', (w) => ({ request: get('/faxes/..%2F..%2Fme', w.alice.token) })],
  ['malformed percent-encoding in the query', () => ({ request: get('/health?x=%E0%A4&y=%zz') })],
  ['a 10 KB query string', () => ({ request: get(`/health?q=${'a'.repeat(10_000)}`) })],
  ['the API description asked with a card number in the query', () => ({ request: get(`/openapi.json?card=${CARD}`), status: 200, secrets: cardSecrets(CARD) })],
  ['the API description asked with a token signed by another key', (w) => ({ request: get('/openapi.json', w.otherKeyToken), status: 200 })],
  ['card data posted to the API description', () => ({ request: json('POST', '/openapi.json', { [EMAIL]: CARD_SPACED }), status: 404, secrets: [EMAIL, ...cardSecrets(CARD_SPACED)] })],
  ['an unknown method', () => ({ request: rawRequest('FROB /health HTTP/1.1'), status: 400 })],
  ['a CONNECT', () => ({ request: { raw: 'CONNECT localhost:443 HTTP/1.1\r\nhost: localhost:443\r\n\r\n' }, status: 400 })],
  ['a TRACE', () => ({ request: rawRequest('TRACE /health HTTP/1.1') })],
  ['a WebDAV method', (w) => ({ request: { method: 'PROPFIND', path: '/me', token: w.alice.token } })],
  ['a CORS preflight', () => ({ request: { method: 'OPTIONS', path: '/accounts', headers: { origin: 'https://evil.test', 'access-control-request-method': 'POST' } } })],
  ['the asterisk request target', () => ({ request: rawRequest('OPTIONS * HTTP/1.1'), status: 400 })],
  ['an absolute request target that is not a URL', () => ({ request: rawRequest('GET http://[::1/health HTTP/1.1'), status: 400 })],
  ['an absolute request target of another scheme', () => ({ request: rawRequest('GET file:///etc/passwd HTTP/1.1'), status: 400 })],
  ['a path of two leading slashes naming another host', () => ({ request: rawRequest('GET //evil.test/health HTTP/1.1'), status: 404 })],
  ['Content-Length with Transfer-Encoding', () => ({ request: rawRequest('POST /accounts HTTP/1.1', ['content-length: 4', 'transfer-encoding: chunked'], '0\r\n\r\n'), status: 400 })],
  ['a bad chunk size', () => ({ request: rawRequest('POST /accounts HTTP/1.1', ['transfer-encoding: chunked'], 'zz\r\n'), status: 400 })],
  ['a NUL in a header value', () => ({ request: rawRequest('GET /health HTTP/1.1', ['x-note: a\0b']), status: 400 })],
  ['a header name with a space', () => ({ request: rawRequest('GET /health HTTP/1.1', ['bad header: x']), status: 400 })],
  ['64 KB of headers', () => ({ request: rawRequest('GET /health HTTP/1.1', [`x-padding: ${'a'.repeat(64 * 1024)}`]), status: 431 })],
  ['a TLS handshake', () => ({ request: { raw: Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0x0d, 0x0a, 0x0d, 0x0a]) }, status: 400 })],
  ['an expectation the server does not know', () => ({ request: rawRequest('GET /health HTTP/1.1', ['expect: 200-ok']), status: 200 })],
  ['a websocket upgrade', () => ({ request: rawRequest('GET /health HTTP/1.1', ['upgrade: websocket', 'connection: upgrade']), status: 200 })],
  ['a body over 10 MB', () => ({ request: text('POST', '/accounts', Buffer.alloc(10 * MB + 1, 0x20), 'application/json'), status: 413 })],
  ['a body over 10 MB in raw bytes', () => ({ request: rawRequest('POST /gateway/faxes HTTP/1.1', [`content-length: ${11 * MB}`], ' '.repeat(11 * MB)), status: 413 })],

  // POST /accounts (public): content types and JSON.
  ['a sign-up without a content type', signUpRaw((form) => form, undefined, 415)],
  ['a sign-up as text/plain', signUpRaw((form) => form, 'text/plain', 415)],
  ['a sign-up as a form', signUpRaw((form) => form, 'application/x-www-form-urlencoded', 415)],
  ['a sign-up as multipart', signUpRaw((form) => form, 'multipart/form-data; boundary=x', 415)],
  ['a sign-up as XML', signUpRaw(() => '<account><email>x@y.z</email></account>', 'application/xml', 415)],
  ['a sign-up of truncated JSON', signUpRaw((form) => form.slice(0, -5), 'application/json', 400)],
  ['a sign-up of an empty body', signUpRaw(() => '', 'application/json', 400)],
  ['a sign-up of JSON null', signUpRaw(() => 'null', 'application/json', 400)],
  ['a sign-up of a JSON array', signUpRaw((form) => `[${form}]`, 'application/json', 400)],
  ['a sign-up of a JSON string', signUpRaw((form) => JSON.stringify(form), 'application/json', 400)],
  ['a sign-up behind a byte-order mark', signUpRaw((form) => `\ufeff${form}`, 'application/json', 400)],
  ['a sign-up of invalid UTF-8', signUpRaw(() => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 'application/json', 400)],
  ['a sign-up with JavaScript comments', signUpRaw((form) => `/* hi */ ${form}`, 'application/json', 400)],
  ['a sign-up over its 16 KB limit', signUp((form) => ({ ...form, company: 'A'.repeat(17 * 1024) }), 413)],
  ['a sign-up nested 7,000 arrays deep', signUpRaw((form) => `${form.slice(0, -1)},"extra":${nestedArrays(7000)}}`, 'application/json', 400)],
  ['a sign-up nested 2,500 objects deep', signUpRaw((form) => `${form.slice(0, -1)},"extra":${nestedObjects(2500)}}`, 'application/json', 400)],

  // POST /accounts: keys and types.
  ['a sign-up with a __proto__ key', signUp((form) => JSON.parse(`{"__proto__":{"isAdmin":true},${JSON.stringify(form).slice(1)}`), 400)],
  ['a sign-up with a constructor.prototype key', signUp((form) => ({ ...form, constructor: { prototype: { isAdmin: true } } }), 400)],
  ['a sign-up with an unknown field', signUp((form) => ({ ...form, role: 'admin' }), 400)],
  ['a sign-up setting its own account id', signUp((form) => ({ ...form, accountId: 'acc_01JABCDEFGHJKMNPQRSTVWXYZ0' }), 400)],
  ['a sign-up with a number for a name', signUp((form) => ({ ...form, company: 123 }), 400)],
  ['a sign-up with a string for a month', signUp((form) => ({ ...form, billing: { ...(form.billing as object), expMonth: '12' } }), 400)],
  ['a sign-up with a year of 1e400', signUpRaw((form) => form.replace('"expYear":2030', '"expYear":1e400'), 'application/json', 400)],
  ['a sign-up with a boolean for the attestation object', signUp((form) => ({ ...form, attestation: true }), 400)],
  ['a sign-up with an array for consents', signUp((form) => ({ ...form, consents: [true, true] }), 400)],
  ['a sign-up with a 300-character email', signUp((form) => ({ ...form, email: `${'a'.repeat(290)}@acme.test` }), 400)],
  ['a sign-up with an injection for a referral code', signUp((form) => ({ ...form, referralCode: "' OR 1=1 --" }), 400)],
  ['a sign-up with a 15,000-character processor token', signUpRaw((form) => form.replace('pm_abc123', 'p'.repeat(15_000)), 'application/json', 400)],

  // POST /accounts: card data, however written, and personal data as keys.
  ['a card number in a name', signUpWithCard(CARD)],
  ['a spaced card number', signUpWithCard(CARD_SPACED)],
  ['a dashed card number', signUpWithCard(CARD_DASHED)],
  ['a dotted card number', signUpWithCard(CARD_DOTTED)],
  ['a slashed card number', signUpWithCard(CARD_SLASHED)],
  ['a card number in fullwidth digits', signUpWithCard(CARD_FULLWIDTH)],
  ['a card number split by zero-width spaces', signUpWithCard(CARD_ZERO_WIDTH)],
  ['a card number split by no-break spaces', signUpWithCard(CARD_NBSP)],
  ['an Amex number in a nested array', alsoSecret(signUp((form) => ({ ...form, extra: [[{ note: AMEX }]] }), 400), cardSecrets(AMEX))],
  ['a card number as a key', alsoSecret(signUp((form) => ({ ...form, [CARD]: 'x' }), 400), cardSecrets(CARD))],
  ['a spaced card number as a key', alsoSecret(signUp((form) => ({ ...form, [CARD_SPACED]: 'x' }), 400), cardSecrets(CARD_SPACED))],
  ['a fullwidth card number as a nested key', alsoSecret(signUp((form) => ({ ...form, billing: { ...(form.billing as object), [CARD_FULLWIDTH]: 1 } }), 400), cardSecrets(CARD_FULLWIDTH))],
  ['a card number as a key above a cvv', alsoSecret(signUp((form) => ({ ...form, [CARD]: { cvv: '123' } }), 400), cardSecrets(CARD))],
  ['a cvv in the billing block', signUp((form) => ({ ...form, billing: { ...(form.billing as object), cvv: '123' } }), 400)],
  ['an email as a key', alsoSecret(signUp((form) => ({ ...form, [EMAIL]: true }), 400), [EMAIL])],
  ['a phone number as a key', alsoSecret(signUp((form) => ({ ...form, [PHONE]: true }), 400), [PHONE])],
  ['an email in a wrong-typed field', alsoSecret(signUp((form) => ({ ...form, attestation: EMAIL }), 400), [EMAIL])],

  // POST /accounts: text that is no name.
  ['a bell character in a name', signUpNamed('Ana\u0007Ruiz', 400)],
  ['a NUL in a name', signUpNamed('Ana\u0000Ruiz', 400)],
  ['a newline in a company', signUp((form) => ({ ...form, company: 'Acme\nDental' }), 400)],
  ['a lone high surrogate in a name', signUpNamed('Ana \ud800', 400)],
  ['a lone low surrogate in a company', signUp((form) => ({ ...form, company: '\udc00Acme' }), 400)],
  ['a name of zero-width spaces only', signUpNamed('\u200b\u200b\u200b', 400)],
  ['a name of whitespace only', signUpNamed('   \t  ', 400)],

  // Customer routes: tokens.
  ['no token', () => ({ request: get('/me'), status: 401 })],
  ['an empty bearer token', () => ({ request: { method: 'GET', path: '/me', headers: { authorization: 'Bearer ' } }, status: 401 })],
  ['basic credentials', () => ({ request: { method: 'GET', path: '/me', headers: { authorization: `Basic ${Buffer.from(`${EMAIL}:pw`).toString('base64')}` } }, status: 401, secrets: [EMAIL] })],
  ['a token that is no JWT', () => ({ request: get('/me', 'not.a.jwt'), status: 401 })],
  ['an 8 KB token', () => ({ request: get('/me', 'a'.repeat(8 * 1024)), status: 401 })],
  ['an alg-none token', (w) => ({ request: get('/me', unsignedToken(w.alice.token)), status: 401 })],
  ['a token whose account id was changed', (w) => ({ request: get('/me', tamperedToken(w.alice.token, { 'custom:accountId': w.bob.accountId })), status: 401 })],
  ['a token that made itself admin', (w) => ({ request: get('/faxes', tamperedToken(w.alice.token, { 'cognito:groups': ['admin'] })), status: 401 })],
  ['a token signed by another key', (w) => ({ request: get('/me', w.otherKeyToken), status: 401 })],
  ['an expired token', (w) => ({ request: get('/me', w.expiredToken), status: 401 })],
  ['an expired token deactivating an account', (w) => ({ request: { method: 'DELETE', path: '/me', token: w.expiredToken }, status: 401 })],
  ['an admin token on a customer route', (w) => ({ request: get('/faxes', w.adminToken), status: 403 })],

  // PATCH /me, PUT /me/preferences.
  ['a profile change without a body', (w) => ({ request: { method: 'PATCH', path: '/me', token: w.alice.token, headers: { 'content-type': 'application/json' } }, status: 400 })],
  ['an empty profile change', (w) => ({ request: json('PATCH', '/me', {}, w.alice.token), status: 400 })],
  ['a profile change of the fax number', (w) => ({ request: json('PATCH', '/me', { faxNumber: PHONE }, w.alice.token), status: 400, secrets: [PHONE] })],
  ['a profile change as text/plain', (w) => ({ request: text('PATCH', '/me', '{"company":"Acme"}', 'text/plain', w.alice.token), status: 415 })],
  ['a profile change over 4 KB', (w) => ({ request: json('PATCH', '/me', { company: 'A'.repeat(5000) }, w.alice.token), status: 413 })],
  ['a profile change with a __proto__ key', (w) => ({ request: text('PATCH', '/me', '{"__proto__":{"polluted":true},"company":"Acme"}', 'application/json', w.alice.token), status: 400 })],
  ['a profile change with a card number as a key', (w) => ({ request: json('PATCH', '/me', { [CARD_DOTTED]: 'x' }, w.alice.token), status: 400, secrets: cardSecrets(CARD_DOTTED) })],
  ['a profile change with an email as a key', (w) => ({ request: json('PATCH', '/me', { [EMAIL]: 'x' }, w.alice.token), status: 400, secrets: [EMAIL] })],
  ['a profile change to a fullwidth card number', (w) => ({ request: json('PATCH', '/me', { contactName: CARD_FULLWIDTH }, w.alice.token), status: 400, secrets: cardSecrets(CARD_FULLWIDTH) })],
  ['a profile change to card digits in the shape of an id', (w) => ({ request: json('PATCH', '/me', { contactName: 'abc_41111111111111110000000000' }, w.alice.token), status: 400, secrets: ['41111111111111110000000000'] })],
  ['a profile change to a card number under combining marks', (w) => ({ request: json('PATCH', '/me', { contactName: '4\u0301111111111111111' }, w.alice.token), status: 400, secrets: cardSecrets('4\u0301111111111111111') })],
  ['a profile change to a card number five spaces apart', (w) => ({ request: json('PATCH', '/me', { contactName: '4111     1111     1111     1111' }, w.alice.token), status: 400, secrets: cardSecrets('4111     1111     1111     1111') })],
  ['a profile change to a card number in long separator runs', (w) => ({ request: json('PATCH', '/me', { company: '4111 - - 1111 - - 1111 - - 1111' }, w.alice.token), status: 400, secrets: cardSecrets('4111 - - 1111 - - 1111 - - 1111') })],
  ['a profile change to an underscored card number', (w) => ({ request: json('PATCH', '/me', { company: '4111_1111_1111_1111' }, w.alice.token), status: 400, secrets: cardSecrets('4111_1111_1111_1111') })],
  ['a profile change to a grouped Amex number after a plus', (w) => ({ request: json('PATCH', '/me', { contactName: '+3782 822463 10005' }, w.alice.token), status: 400, secrets: cardSecrets('+3782 822463 10005') })],
  ['a profile change with a card number under a name as a key', (w) => ({ request: json('PATCH', '/me', { AnaRuiz: { note: CARD_SPACED } }, w.alice.token), status: 400, secrets: ['AnaRuiz', ...cardSecrets(CARD_SPACED)] })],
  ['a profile change with a cvv under an email as a key', (w) => ({ request: json('PATCH', '/me', { jane_doe_example_com: { cvv: 1 } }, w.alice.token), status: 400, secrets: ['jane_doe_example_com'] })],
  ['a profile change to a name with a line separator', (w) => ({ request: json('PATCH', '/me', { contactName: 'Ana\u2028Ruiz' }, w.alice.token), status: 400 })],
  ['a profile change to a name with a right-to-left override', (w) => ({ request: json('PATCH', '/me', { contactName: 'Ana \u202eziuR' }, w.alice.token), status: 400 })],
  ['a profile change to a name of combining marks only', (w) => ({ request: json('PATCH', '/me', { contactName: '\u0301\u0301' }, w.alice.token), status: 400 })],
  ['a profile change to a name of braille blanks', (w) => ({ request: json('PATCH', '/me', { company: '\u2800\u2800' }, w.alice.token), status: 400 })],
  ['a profile change to an escape sequence', (w) => ({ request: json('PATCH', '/me', { contactName: 'Ana \u001b[31mRuiz' }, w.alice.token), status: 400 })],
  ['a profile change to a phone of letters', (w) => ({ request: json('PATCH', '/me', { phone: 'call me maybe' }, w.alice.token), status: 400 })],
  ['preferences of strings', (w) => ({ request: json('PUT', '/me/preferences', { marketingOptIn: 'true' }, w.alice.token), status: 400 })],
  ['preferences with a constructor key', (w) => ({ request: json('PUT', '/me/preferences', { constructor: { prototype: { x: 1 } } }, w.alice.token), status: 400 })],
  ['preferences nested 400 arrays deep', (w) => ({ request: text('PUT', '/me/preferences', `{"optOutAll":${nestedArrays(400)}}`, 'application/json', w.alice.token), status: 400 })],

  // POST /me/email/verify (no email change is pending for alice: a well-formed code is a 409).
  ['an email code without a token', () => ({ request: json('POST', '/me/email/verify', { code: '123456' }), status: 401 })],
  ['an email code with an admin token', (w) => ({ request: json('POST', '/me/email/verify', { code: '123456' }, w.adminToken), status: 403 })],
  ['an email code with nothing pending', (w) => ({ request: json('POST', '/me/email/verify', { code: '123456' }, w.alice.token), status: 409 })],
  ['an email code of five digits', (w) => ({ request: json('POST', '/me/email/verify', { code: '12345' }, w.alice.token), status: 400 })],
  ['an email code as a number', (w) => ({ request: json('POST', '/me/email/verify', { code: 123456 }, w.alice.token), status: 400 })],
  ['an email code in fullwidth digits', (w) => ({ request: json('POST', '/me/email/verify', { code: '１２３４５６' }, w.alice.token), status: 400 })],
  ['an email code as a list of guesses', (w) => ({ request: json('POST', '/me/email/verify', { code: ['123456', '654321'] }, w.alice.token), status: 400 })],
  ['an email code with a card number', (w) => ({ request: json('POST', '/me/email/verify', { code: CARD_SPACED }, w.alice.token), status: 400, secrets: cardSecrets(CARD_SPACED) })],
  ['an email code beside the email it should prove', (w) => ({ request: json('POST', '/me/email/verify', { code: '123456', email: EMAIL }, w.alice.token), status: 400, secrets: [EMAIL] })],
  ['an email code over 1 KB', (w) => ({ request: json('POST', '/me/email/verify', { code: '1'.repeat(2000) }, w.alice.token), status: 413 })],
  ["an email code past the account's tries of the day", (w) => ({ request: json('POST', '/me/email/verify', { code: '123456' }, w.carol.token), status: 429 })],
  ["an email change past the account's codes of the day", (w) => ({ request: json('PATCH', '/me', { email: EMAIL }, w.carol.token), status: 429, secrets: [EMAIL] })],

  // Faxes: lists, ids, tenants.
  ['a limit of 0', (w) => ({ request: get('/faxes?limit=0', w.alice.token), status: 400 })],
  ['a limit of 101', (w) => ({ request: get('/faxes?limit=101', w.alice.token), status: 400 })],
  ['a limit that is no number', (w) => ({ request: get('/faxes?limit=abc', w.alice.token), status: 400 })],
  ['a negative limit', (w) => ({ request: get('/faxes?limit=-1', w.alice.token), status: 400 })],
  ['a limit given twice', (w) => ({ request: get('/faxes?limit=5&limit=6', w.alice.token), status: 400 })],
  ['a huge limit', (w) => ({ request: get(`/faxes?limit=${'9'.repeat(400)}`, w.alice.token), status: 400 })],
  ['a cursor that is garbage', (w) => ({ request: get('/faxes?cursor=garbage', w.alice.token), status: 400 })],
  ['a 5,000-character cursor', (w) => ({ request: get(`/faxes?cursor=${'A'.repeat(5000)}`, w.alice.token), status: 400 })],
  ['a cursor naming another tenant', (w) => ({ request: get(`/faxes?cursor=${Buffer.from(JSON.stringify({ pk: `ACCOUNT#${w.bob.accountId}`, sk: 'FAX#' })).toString('base64url')}`, w.alice.token), status: 400 })],
  ['a 1,000-character fax id', (w) => ({ request: get(`/faxes/fax_${'A'.repeat(1000)}`, w.alice.token), status: 404 })],
  ['a 1,000-character fax id for its document', (w) => ({ request: get(`/faxes/fax_${'A'.repeat(1000)}/document`, w.alice.token), status: 404 })],
  ['a 1,000-character fax id to delete', (w) => ({ request: { method: 'DELETE', path: `/faxes/fax_${'A'.repeat(1000)}`, token: w.alice.token }, status: 404 })],
  ['a fax id with a NUL', (w) => ({ request: get('/faxes/fax_%00', w.alice.token), status: 404 })],
  ['a fax id of emoji', (w) => ({ request: get('/faxes/%F0%9F%92%A9', w.alice.token), status: 404 })],
  ['a card number as a fax id', (w) => ({ request: get(`/faxes/${CARD}`, w.alice.token), status: 404, secrets: cardSecrets(CARD) })],
  ['an email as a fax id', (w) => ({ request: get(`/faxes/${encodeURIComponent(EMAIL)}`, w.alice.token), status: 404, secrets: [EMAIL] })],
  ["another tenant's fax", (w) => ({ request: get(`/faxes/${w.bob.faxId}`, w.alice.token), status: 404 })],
  ["another tenant's fax document", (w) => ({ request: get(`/faxes/${w.bob.faxId}/document`, w.alice.token), status: 404 })],
  ["deleting another tenant's fax", (w) => ({ request: { method: 'DELETE', path: `/faxes/${w.bob.faxId}`, token: w.alice.token }, status: 404 })],

  // Blocked senders.
  ['blocking a number of letters', (w) => ({ request: { method: 'PUT', path: '/me/blocked-senders/not-a-number', token: w.alice.token }, status: 400 })],
  ['blocking a 1,000-digit number', (w) => ({ request: { method: 'PUT', path: `/me/blocked-senders/%2B${'1'.repeat(1000)}`, token: w.alice.token }, status: 400 })],
  ['blocking a card number', (w) => ({ request: { method: 'PUT', path: `/me/blocked-senders/${CARD}`, token: w.alice.token }, status: 400, secrets: cardSecrets(CARD) })],
  ['blocking an email', (w) => ({ request: { method: 'PUT', path: `/me/blocked-senders/${encodeURIComponent(EMAIL)}`, token: w.alice.token }, status: 400, secrets: [EMAIL] })],
  ['blocking a malformed encoded number', (w) => ({ request: { method: 'PUT', path: '/me/blocked-senders/%2B1555%E0', token: w.alice.token }, status: 400 })],
  ['unblocking a number with a NUL', (w) => ({ request: { method: 'DELETE', path: '/me/blocked-senders/%2B1555%00', token: w.alice.token }, status: 400 })],
  ['blocked senders with a limit of 1,000', (w) => ({ request: get('/me/blocked-senders?limit=1000', w.alice.token), status: 400 })],
  ['blocked senders with a garbage cursor', (w) => ({ request: get('/me/blocked-senders?cursor=%7B%7D', w.alice.token), status: 400 })],
  ['blocking without a token', () => ({ request: { method: 'PUT', path: `/me/blocked-senders/${encodeURIComponent(PHONE)}` }, status: 401, secrets: [PHONE] })],

  // The number inventory: POST and GET /admin/numbers (admin), GET /numbers/available (public).
  ['numbers added by a customer', (w) => ({ request: json('POST', '/admin/numbers', { numbers: [PHONE] }, w.alice.token), status: 403, secrets: [PHONE] })],
  ['numbers added without a token', () => ({ request: json('POST', '/admin/numbers', { numbers: [PHONE] }), status: 401, secrets: [PHONE] })],
  ['numbers added by a token that made itself admin', (w) => ({ request: json('POST', '/admin/numbers', { numbers: [PHONE] }, tamperedToken(w.alice.token, { 'cognito:groups': ['admin'] })), status: 401, secrets: [PHONE] })],
  ['1,001 numbers to add', (w) => ({ request: json('POST', '/admin/numbers', { numbers: Array.from({ length: 1001 }, (_, i) => `+1999${String(i).padStart(7, '0')}`) }, w.adminToken), status: 400 })],
  ['numbers to add over the route limit', (w) => ({ request: json('POST', '/admin/numbers', { numbers: ['+'.padEnd(70 * 1024, '1')] }, w.adminToken), status: 413 })],
  ['a card number to add', (w) => ({ request: json('POST', '/admin/numbers', { numbers: [CARD] }, w.adminToken), status: 400, secrets: cardSecrets(CARD) })],
  ['a card number after a plus to add', (w) => ({ request: json('POST', '/admin/numbers', { numbers: [`+${CARD}`] }, w.adminToken), status: 400, secrets: cardSecrets(CARD) })],
  ['an email to add as a number', (w) => ({ request: json('POST', '/admin/numbers', { numbers: [EMAIL] }, w.adminToken), status: 400, secrets: [EMAIL] })],
  ['numbers to add as one string', (w) => ({ request: json('POST', '/admin/numbers', { numbers: PHONE }, w.adminToken), status: 400, secrets: [PHONE] })],
  ['numbers to add with an email as a key', (w) => ({ request: json('POST', '/admin/numbers', { numbers: [], [EMAIL]: true }, w.adminToken), status: 400, secrets: [EMAIL] })],
  ['numbers to add as text/plain', (w) => ({ request: text('POST', '/admin/numbers', `{"numbers":["${PHONE}"]}`, 'text/plain', w.adminToken), status: 415, secrets: [PHONE] })],
  ['numbers to add nested 400 arrays deep', (w) => ({ request: text('POST', '/admin/numbers', `{"numbers":${nestedArrays(400)}}`, 'application/json', w.adminToken), status: 400 })],
  ['numbers to add with a __proto__ key', (w) => ({ request: text('POST', '/admin/numbers', '{"__proto__":{"isAdmin":true},"numbers":[]}', 'application/json', w.adminToken), status: 400 })],
  ['the inventory listed by a customer', (w) => ({ request: get('/admin/numbers?status=available', w.alice.token), status: 403 })],
  ['the inventory listed without a status', (w) => ({ request: get('/admin/numbers', w.adminToken), status: 400 })],
  ['the inventory of an unknown status', (w) => ({ request: get('/admin/numbers?status=erased', w.adminToken), status: 400 })],
  ['the inventory of two statuses', (w) => ({ request: get('/admin/numbers?status=available&status=assigned', w.adminToken), status: 400 })],
  ['the inventory with a garbage cursor', (w) => ({ request: get('/admin/numbers?status=assigned&cursor=%7B%7D', w.adminToken), status: 400 })],
  ['the quarantined inventory with a cursor of a number', (w) => ({ request: get(`/admin/numbers?status=quarantined&cursor=${Buffer.from(JSON.stringify({ sk: PHONE })).toString('base64url')}`, w.adminToken), status: 400, secrets: [PHONE] })],
  ['available numbers of a card number area code', () => ({ request: get(`/numbers/available?areaCode=${CARD}`), status: 400, secrets: cardSecrets(CARD) })],
  ['available numbers of an email area code', () => ({ request: get(`/numbers/available?areaCode=${encodeURIComponent(EMAIL)}`), status: 400, secrets: [EMAIL] })],
  ['available numbers of an injected area code', () => ({ request: get("/numbers/available?areaCode=212'%20OR%20'1'='1"), status: 400 })],
  ['available numbers of a prefix for an area code', () => ({ request: get('/numbers/available?areaCode=%2B1212'), status: 400 })],
  ['available numbers with a limit of 101', () => ({ request: get('/numbers/available?limit=101'), status: 400 })],
  ['available numbers with a cursor of another area code', () => ({ request: get(`/numbers/available?areaCode=212&cursor=${Buffer.from(JSON.stringify({ sk: PHONE })).toString('base64url')}`), status: 400, secrets: [PHONE] })],
  ['available numbers with a cursor of the index key', () => ({ request: get(`/numbers/available?cursor=${Buffer.from(JSON.stringify({ sk: `NUMBER#${PHONE}` })).toString('base64url')}`), status: 400, secrets: [PHONE] })],
  ['available numbers asked with a token signed by another key', (w) => ({ request: get('/numbers/available?limit=1', w.otherKeyToken), status: 200 })],

  // POST /gateway/faxes: signatures.
  ['an unsigned fax', (w) => ({ request: text('POST', '/gateway/faxes', faxJson(w.bob.faxNumber), 'application/json'), status: 401 })],
  ['a fax signed with another secret', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber), { secret: 'whsec_b3RoZXItc2VjcmV0' }), status: 401 })],
  ['a fax signed 10 minutes ago', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber), { timestamp: secondsFromNow(-600) }), status: 401 })],
  ['a fax signed 10 minutes ahead', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber), { timestamp: secondsFromNow(600) }), status: 401 })],
  ['a fax with a timestamp of words', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber), { timestamp: 'yesterday' }), status: 401 })],
  ['a fax with an empty signature', (w) => {
    const request = signedPost('/gateway/faxes', faxJson(w.bob.faxNumber));
    return { request: { ...request, headers: { ...request.headers, 'webhook-signature': 'v1,' } }, status: 401 };
  }],
  ['a fax with a signature of 100 entries', (w) => {
    const request = signedPost('/gateway/faxes', faxJson(w.bob.faxNumber), { secret: 'whsec_b3RoZXItc2VjcmV0' });
    return { request: { ...request, headers: { ...request.headers, 'webhook-signature': Array(100).fill(request.headers?.['webhook-signature']).join(' ') } }, status: 401 };
  }],
  ['a fax without a webhook-id', (w) => {
    const request = signedPost('/gateway/faxes', faxJson(w.bob.faxNumber));
    const { 'webhook-id': _dropped, ...headers } = request.headers ?? {};
    return { request: { ...request, headers }, status: 401 };
  }],
  ['a fax whose body changed after signing', (w) => {
    const request = signedPost('/gateway/faxes', faxJson(w.bob.faxNumber));
    return { request: { ...request, body: faxJson(w.bob.faxNumber, (event) => ({ ...event, pages: 99 })) }, status: 401 };
  }],
  ['a signed 3,000-character webhook-id', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber), { webhookId: `msg_${'x'.repeat(3000)}` }), status: 400 })],

  // POST /gateway/faxes: signed, hostile bodies.
  ['a signed 10,000-character event id', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, eventId: 'e'.repeat(10_000) }))), status: 400 })],
  ['a signed document of bad base64', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, document: { contentType: 'application/pdf', contentBase64: '!!!not base64!!!' } }))), status: 400 })],
  ['a signed PDF that is HTML', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, document: { contentType: 'application/pdf', contentBase64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64') } }))) })],
  ['a signed TIFF that is a PDF', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, document: { contentType: 'image/tiff', contentBase64: pdfBytes().toString('base64') } }))) })],
  ['a signed document of another type', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, document: { contentType: 'text/html', contentBase64: 'PGh0bWw+' } }))), status: 400 })],
  ['a signed unknown upload id', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, document: { uploadId: 'upl_bad' } }))), status: 400 })],
  ['a signed fax with an unknown field', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, priority: 'urgent' }))), status: 400 })],
  ['a signed fax with a __proto__ key', (w) => ({ request: signedPost('/gateway/faxes', `{"__proto__":{"polluted":true},${faxJson(w.bob.faxNumber).slice(1)}`), status: 400 })],
  ['a signed fax of truncated JSON', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber).slice(0, -3)), status: 400 })],
  ['a signed fax as text/plain', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber), { contentType: 'text/plain' }), status: 415 })],
  ['a signed fax nested 7,000 arrays deep', () => ({ request: signedPost('/gateway/faxes', `{"eventId":${nestedArrays(7000)}}`), status: 400 })],
  ['a signed fax of negative pages', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, pages: -1 }))), status: 400 })],
  ['a signed fax received "yesterday"', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, receivedAt: 'yesterday' }))), status: 400 })],
  ['a signed fax from an email', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, from: EMAIL }))), status: 400, secrets: [EMAIL] })],
  ['a signed fax to a card number', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, to: CARD }))), status: 400, secrets: cardSecrets(CARD) })],
  ['a signed fax over its route limit', (w) => ({ request: signedPost('/gateway/faxes', faxJson(w.bob.faxNumber, (event) => ({ ...event, document: { contentType: 'application/pdf', contentBase64: 'A'.repeat(6 * MB) } }))), status: 413 })],

  // POST /gateway/uploads.
  ['an unsigned upload', () => ({ request: json('POST', '/gateway/uploads', { contentType: 'application/pdf', sizeBytes: 100 }), status: 401 })],
  ['a signed upload of 0 bytes', () => ({ request: signedPost('/gateway/uploads', JSON.stringify({ contentType: 'application/pdf', sizeBytes: 0 })), status: 400 })],
  ['a signed upload of a terabyte', () => ({ request: signedPost('/gateway/uploads', JSON.stringify({ contentType: 'application/pdf', sizeBytes: 1e12 })), status: 400 })],
  ['a signed upload of HTML', () => ({ request: signedPost('/gateway/uploads', JSON.stringify({ contentType: 'text/html', sizeBytes: 100 })), status: 400 })],
  ['a signed upload with an unknown field', () => ({ request: signedPost('/gateway/uploads', JSON.stringify({ contentType: 'application/pdf', sizeBytes: 100, key: '../../etc' })), status: 400 })],
  ['a signed upload over 1 KB', () => ({ request: signedPost('/gateway/uploads', JSON.stringify({ contentType: 'application/pdf', sizeBytes: 100, pad: 'x'.repeat(2000) })), status: 413 })],

  // Privacy rights requests: strict bodies, optional tokens, request tokens.
  ['a rights request of an unknown type', () => ({ request: json('POST', '/rights-requests', { type: 'delete_everything', email: EMAIL }), status: 400, secrets: [EMAIL] })],
  ['a rights request without an email', () => ({ request: json('POST', '/rights-requests', { type: 'access' }), status: 400 })],
  ['a rights request for a phone number instead of an email', () => ({ request: json('POST', '/rights-requests', { type: 'access', email: PHONE }), status: 400, secrets: [PHONE] })],
  ['a rectification without corrections', () => ({ request: json('POST', '/rights-requests', { type: 'rectification', email: EMAIL }), status: 400, secrets: [EMAIL] })],
  ['an access request with corrections', () => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL, corrections: { contactName: 'Ana' } }), status: 400, secrets: [EMAIL] })],
  ['a rectification of the email', () => ({ request: json('POST', '/rights-requests', { type: 'rectification', email: EMAIL, corrections: { email: `x.${EMAIL}` } }), status: 400, secrets: [EMAIL, `x.${EMAIL}`] })],
  ['a rectification of the fax number', () => ({ request: json('POST', '/rights-requests', { type: 'rectification', email: EMAIL, corrections: { faxNumber: PHONE } }), status: 400, secrets: [EMAIL, PHONE] })],
  ['a rectification with empty corrections', () => ({ request: json('POST', '/rights-requests', { type: 'rectification', email: EMAIL, corrections: {} }), status: 400, secrets: [EMAIL] })],
  ['a rectification to a card number', () => ({ request: json('POST', '/rights-requests', { type: 'rectification', email: EMAIL, corrections: { contactName: CARD_SPACED } }), status: 400, secrets: [EMAIL, ...cardSecrets(CARD_SPACED)] })],
  ['rights request details holding a card number', () => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL, details: `my card ${CARD_DASHED}` }), status: 400, secrets: [EMAIL, ...cardSecrets(CARD_DASHED)] })],
  ['rights request details of 4,001 characters', () => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL, details: 'x'.repeat(4001) }), status: 400, secrets: [EMAIL] })],
  ['rights request details with a NUL', () => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL, details: 'a\u0000b' }), status: 400, secrets: [EMAIL] })],
  ['rights request details with a right-to-left override', () => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL, details: 'evil \u202Etxt.exe' }), status: 400, secrets: [EMAIL] })],
  ['rights request details of only line breaks', () => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL, details: '\n\n\t\n' }), status: 400, secrets: [EMAIL] })],
  ['rights request details that are an object', () => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL, details: { text: 'x' } }), status: 400, secrets: [EMAIL] })],
  ['a rights request with an unknown field', () => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL, status: 'verified' }), status: 400, secrets: [EMAIL] })],
  ['a rights request with an email as a key', () => ({ request: json('POST', '/rights-requests', { type: 'access', [EMAIL]: true }), status: 400, secrets: [EMAIL] })],
  ['a rights request over 16 KB', () => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL, details: 'x'.repeat(20_000) }), status: 413, secrets: [EMAIL] })],
  ['a rights request with an expired token', (w) => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL }, w.expiredToken), status: 401, secrets: [EMAIL] })],
  ['a rights request with a token signed by another key', (w) => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL }, w.otherKeyToken), status: 401, secrets: [EMAIL] })],
  ['a rights request with an unsigned token', (w) => ({ request: json('POST', '/rights-requests', { type: 'access', email: EMAIL }, unsignedToken(w.alice.token)), status: 401, secrets: [EMAIL] })],
  ['a rights request with basic credentials', () => ({ request: { ...json('POST', '/rights-requests', { type: 'access', email: EMAIL }), headers: { 'content-type': 'application/json', authorization: 'Basic YW5hOnB3' } }, status: 401, secrets: [EMAIL] })],
  ['a rights request for an email whose codes all await use', (w) => ({ request: json('POST', '/rights-requests', { type: 'erasure', email: w.limitedEmail }), status: 429, secrets: [w.limitedEmail] })],
  ['a rights-request code past the email’s tries of the day', (w) => ({ request: { ...json('POST', `/rights-requests/${w.lockedRequest.requestId}/verify`, { code: '123456' }), headers: { 'content-type': 'application/json', 'x-request-token': w.lockedRequest.requestToken } }, status: 429, secrets: [w.lockedRequest.requestToken] })],
  ['a rights request with an admin token', (w) => ({ request: json('POST', '/rights-requests', { type: 'complaint', email: EMAIL }, w.adminToken), status: 202, secrets: [EMAIL] })],
  ['a rights request verification of five digits', () => ({ request: json('POST', '/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/verify', { code: '12345' }), status: 400 })],
  ['a rights request verification of a numeric code', () => ({ request: json('POST', '/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/verify', { code: 123456 }), status: 400 })],
  ['a rights request verification with an unknown field', () => ({ request: json('POST', '/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/verify', { code: '123456', status: 'verified' }), status: 400 })],
  ['a rights request verification without a request token', () => ({ request: json('POST', '/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/verify', { code: '123456' }), status: 404 })],
  ['a rights request verification with a 4,000-character request token', () => ({ request: { ...json('POST', '/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/verify', { code: '123456' }), headers: { 'content-type': 'application/json', 'x-request-token': 't'.repeat(4000) } }, status: 404 })],
  ['a rights request verification of an id of another kind', (w) => ({ request: json('POST', `/rights-requests/${w.alice.accountId}/verify`, { code: '123456' }), status: 404 })],
  ['a rights request read of a traversing id', () => ({ request: get('/rights-requests/..%2F..%2Faccounts'), status: 404 })],
  ['a rights request read of an unknown id', (w) => ({ request: get('/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH', w.alice.token), status: 404 })],
  ['a rights request read with a tampered token', (w) => ({ request: get('/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH', tamperedToken(w.alice.token, { 'custom:accountId': w.bob.accountId })), status: 401 })],

  // Sign-ups per email a day (the per-source limit is raised for the suite: every test signs up from 127.0.0.1).
  ['a sign-up for a +tag variant of a mailbox whose sign-ups of the day are used up', (w) => {
    const email = w.usedUpMailbox.replace('@', `+${randomUUID().slice(0, 4)}@`);
    return { request: json('POST', '/accounts', signUpFields({ email })), status: 429, secrets: [email, w.usedUpMailbox] };
  }],
  ["a sign-up for a customer's email once its sign-ups of the day are used up: a 429, as for a free email, not a 409", (w) => ({
    request: json('POST', '/accounts', signUpFields({ email: w.alice.form.email })),
    status: 429,
    secrets: [w.alice.form.email],
  })],

  // Junk-fax reports and the admins' decisions.
  ['a junk-fax report without a sender', () => ({ request: json('POST', '/junk-fax-reports', { reporterEmail: EMAIL }), status: 400, secrets: [EMAIL] })],
  ['a junk-fax report of a sender not in E.164', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: '555-987-0000', reporterEmail: EMAIL }), status: 400, secrets: [EMAIL] })],
  ['a junk-fax report with an unknown field', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, reporterEmail: EMAIL, status: 'escalated' }), status: 400, secrets: [EMAIL, PHONE] })],
  ['a junk-fax report with an email as a key', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, [EMAIL]: true }), status: 400, secrets: [EMAIL, PHONE] })],
  ['a junk-fax report of a phone number as the reporter email', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, reporterEmail: PHONE }), status: 400, secrets: [PHONE] })],
  ['a junk-fax description holding a card number', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, description: `pay with ${CARD_DASHED}` }), status: 400, secrets: [PHONE, ...cardSecrets(CARD_DASHED)] })],
  ['a junk-fax description with a right-to-left override', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, description: 'evil \u202Etxt.exe' }), status: 400, secrets: [PHONE] })],
  ['a junk-fax description of only line breaks', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, description: '\n\n\t' }), status: 400, secrets: [PHONE] })],
  ['a junk-fax reporter name over two lines', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, reporterName: 'Ana\nRuiz' }), status: 400, secrets: [PHONE] })],
  ['a junk-fax report received at a date in words', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, receivedAt: 'yesterday' }), status: 400, secrets: [PHONE] })],
  ['a junk-fax report naming a fax by a traversing id', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, faxId: '../faxes/x' }), status: 400, secrets: [PHONE] })],
  ['a junk-fax report asking to block with a string', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, blockSender: 'yes' }), status: 400, secrets: [PHONE] })],
  ['a junk-fax report over 16 KB', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, description: 'x'.repeat(20_000) }), status: 413, secrets: [PHONE] })],
  ['a junk-fax report with a token signed by another key', (w) => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE }, w.otherKeyToken), status: 401, secrets: [PHONE] })],
  ["a junk-fax report naming another tenant's fax", (w) => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, faxId: w.bob.faxId }, w.alice.token), status: 404, secrets: [PHONE] })],
  ['a public junk-fax report asking to block', () => ({ request: json('POST', '/junk-fax-reports', { senderFaxNumber: PHONE, blockSender: true }), status: 422, secrets: [PHONE] })],
  ['a junk-fax case listing of an unknown status', (w) => ({ request: get('/admin/junk-fax-cases?status=closed', w.adminToken), status: 400 })],
  ['a junk-fax case listing with a forged cursor', (w) => ({ request: get(`/admin/junk-fax-cases?cursor=${Buffer.from(JSON.stringify({ sk: 'CASE' })).toString('base64url')}`, w.adminToken), status: 400 })],
  ['a junk-fax case listing with a customer token', (w) => ({ request: get('/admin/junk-fax-cases', w.alice.token), status: 403 })],
  ['a dismissal of a traversing case id', (w) => ({ request: json('POST', '/admin/junk-fax-cases/..%2F..%2Faccounts/dismiss', { reason: 'x' }, w.adminToken), status: 404 })],
  ['a dismissal of an unknown case', (w) => ({ request: json('POST', '/admin/junk-fax-cases/jfc_01JZ8Q3V5K9TWXB2C4D6E8F0GH/dismiss', { reason: 'x' }, w.adminToken), status: 404 })],
  ['a dismissal without a reason', (w) => ({ request: json('POST', '/admin/junk-fax-cases/jfc_01JZ8Q3V5K9TWXB2C4D6E8F0GH/dismiss', {}, w.adminToken), status: 400 })],
  ['a dismissal whose reason holds a card number', (w) => ({ request: json('POST', '/admin/junk-fax-cases/jfc_01JZ8Q3V5K9TWXB2C4D6E8F0GH/dismiss', { reason: CARD_SPACED }, w.adminToken), status: 400, secrets: cardSecrets(CARD_SPACED) })],
  ['a deactivation of an id of another kind', (w) => ({ request: json('POST', '/admin/accounts/jfc_01JZ8Q3V5K9TWXB2C4D6E8F0GH/deactivate', { reason: 'x' }, w.adminToken), status: 404 })],
  ['a deactivation with an unknown field', (w) => ({ request: json('POST', `/admin/accounts/${w.bob.accountId}/deactivate`, { reason: 'x', notify: false }, w.adminToken), status: 400 })],
  ['a deactivation with a customer token', (w) => ({ request: json('POST', `/admin/accounts/${w.bob.accountId}/deactivate`, { reason: 'x' }, w.bob.token), status: 403 })],
  // The rights requests' deadlines (admin): POST /admin/rights-requests/{id}/extend, GET /admin/rights-requests.
  ['an extension by a customer', (w) => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', { reason: 'x' }, w.alice.token), status: 403 })],
  ['an extension without a token', () => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', { reason: 'x' }), status: 401 })],
  ['an extension by a token that made itself admin', (w) => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', { reason: 'x' }, tamperedToken(w.alice.token, { 'cognito:groups': ['admin'] })), status: 401 })],
  ['an extension of an unknown request', (w) => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', { reason: 'More time.' }, w.adminToken), status: 404 })],
  ['an extension of an account id', (w) => ({ request: json('POST', `/admin/rights-requests/${w.alice.accountId}/extend`, { reason: 'More time.' }, w.adminToken), status: 404 })],
  ['an extension of a traversing id', (w) => ({ request: json('POST', '/admin/rights-requests/..%2F..%2Faccounts/extend', { reason: 'More time.' }, w.adminToken), status: 404 })],
  ['an extension without a reason', (w) => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', {}, w.adminToken), status: 400 })],
  ['an extension reason of 1,001 characters', (w) => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', { reason: 'x'.repeat(1001) }, w.adminToken), status: 400 })],
  ['an extension reason with a card number', (w) => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', { reason: `refund to ${CARD_SPACED}` }, w.adminToken), status: 400, secrets: cardSecrets(CARD_SPACED) })],
  ['an extension reason with a bidi override', (w) => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', { reason: 'late \u202Etxt.exe' }, w.adminToken), status: 400 })],
  ['an extension reason of line breaks only', (w) => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', { reason: '\n\t\n' }, w.adminToken), status: 400 })],
  ['an extension choosing its own due date', (w) => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', { reason: 'x', dueAt: '2030-01-01T00:00:00.000Z' }, w.adminToken), status: 400 })],
  ['an extension with an email as a key', (w) => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', { reason: 'x', [EMAIL]: true }, w.adminToken), status: 400, secrets: [EMAIL] })],
  ['an extension over 8 KB', (w) => ({ request: json('POST', '/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/extend', { reason: 'x'.repeat(9000) }, w.adminToken), status: 413 })],
  ['rights requests listed by a customer', (w) => ({ request: get('/admin/rights-requests?status=verified', w.alice.token), status: 403 })],
  ['rights requests listed without a status', (w) => ({ request: get('/admin/rights-requests', w.adminToken), status: 400 })],
  ['rights requests of an email for a status', (w) => ({ request: get(`/admin/rights-requests?status=${encodeURIComponent(EMAIL)}`, w.adminToken), status: 400, secrets: [EMAIL] })],
  ['overdue rights requests that are completed', (w) => ({ request: get('/admin/rights-requests?status=completed&overdue=true', w.adminToken), status: 400 })],
  ['rights requests with a cursor past the overdue range', (w) => ({ request: get(`/admin/rights-requests?status=verified&overdue=true&cursor=${Buffer.from(JSON.stringify({ sk: '2999-01-01T00:00:00.000Z#rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH' })).toString('base64url')}`, w.adminToken), status: 400 })],
  ['rights requests with a cursor of another kind', (w) => ({ request: get(`/admin/rights-requests?status=verified&cursor=${Buffer.from(JSON.stringify({ sk: `ACCOUNT#${w.alice.accountId}` })).toString('base64url')}`, w.adminToken), status: 400 })],

  // Policy versions (API.md, "Policy changes and communications"): POST /admin/policies, GET /admin/policies/{version}/notifications.
  // None publishes: a publication would notify every account of the shared runtime.
  ['a publication by a customer', (w) => ({ request: json('POST', '/admin/policies', policyBody(), w.alice.token), status: 403 })],
  ['a publication without a token', () => ({ request: json('POST', '/admin/policies', policyBody()), status: 401 })],
  ['a publication by a token that made itself admin', (w) => ({ request: json('POST', '/admin/policies', policyBody(), tamperedToken(w.alice.token, { 'cognito:groups': ['admin'] })), status: 401 })],
  ['a publication without a version', (w) => ({ request: json('POST', '/admin/policies', { ...policyBody(), version: undefined }, w.adminToken), status: 400 })],
  ['a publication of a version of another shape', (w) => ({ request: json('POST', '/admin/policies', policyBody({ version: 'v2' }), w.adminToken), status: 400 })],
  ['a publication of month 13', (w) => ({ request: json('POST', '/admin/policies', policyBody({ version: '2026-13' }), w.adminToken), status: 400 })],
  ['a publication of a traversing version', (w) => ({ request: json('POST', '/admin/policies', policyBody({ version: '../VERSIONS' }), w.adminToken), status: 400 })],
  ['a publication effective "tomorrow"', (w) => ({ request: json('POST', '/admin/policies', policyBody({ effectiveAt: 'tomorrow' }), w.adminToken), status: 400 })],
  ['a publication effective at a local time', (w) => ({ request: json('POST', '/admin/policies', policyBody({ effectiveAt: '2099-01-01T00:00:00+02:00' }), w.adminToken), status: 400 })],
  ['a publication effective in the past', (w) => ({ request: json('POST', '/admin/policies', policyBody({ effectiveAt: '2001-01-01T00:00:00.000Z' }), w.adminToken), status: 422 })],
  ['a publication of an unknown kind', (w) => ({ request: json('POST', '/admin/policies', policyBody({ kind: 'marketing' }), w.adminToken), status: 400 })],
  ['a publication linking over http', (w) => ({ request: json('POST', '/admin/policies', policyBody({ url: 'http://fax.example.com/privacy' }), w.adminToken), status: 400 })],
  ['a publication linking a script', (w) => ({ request: json('POST', '/admin/policies', policyBody({ url: 'javascript:alert(1)' }), w.adminToken), status: 400 })],
  ['a publication summary of 4,001 characters', (w) => ({ request: json('POST', '/admin/policies', policyBody({ summary: 'x'.repeat(4001) }), w.adminToken), status: 400 })],
  ['a publication summary with a card number', (w) => ({ request: json('POST', '/admin/policies', policyBody({ summary: `pay with ${CARD_SPACED}` }), w.adminToken), status: 400, secrets: cardSecrets(CARD_SPACED) })],
  ['a publication summary with a bidi override', (w) => ({ request: json('POST', '/admin/policies', policyBody({ summary: 'new \u202Etxt.exe' }), w.adminToken), status: 400 })],
  ['a publication naming its own recipients', (w) => ({ request: json('POST', '/admin/policies', policyBody({ recipients: [EMAIL] }), w.adminToken), status: 400, secrets: [EMAIL] })],
  ['a publication over 32 KB', (w) => ({ request: json('POST', '/admin/policies', policyBody({ summary: 'x'.repeat(33_000) }), w.adminToken), status: 413 })],
  ['notice counters read by a customer', (w) => ({ request: get('/admin/policies/2026-01/notifications', w.alice.token), status: 403 })],
  ['notice counters without a token', () => ({ request: get('/admin/policies/2026-01/notifications'), status: 401 })],
  ['notice counters of a version never published', (w) => ({ request: get('/admin/policies/2088-12.7/notifications', w.adminToken), status: 404 })],
  ['notice counters of a traversing version', (w) => ({ request: get('/admin/policies/..%2FVERSIONS/notifications', w.adminToken), status: 404 })],
  ['notice counters of an email', (w) => ({ request: get(`/admin/policies/${encodeURIComponent(EMAIL)}/notifications`, w.adminToken), status: 404, secrets: [EMAIL] })],
  // Anonymised usage reports (admin): by month or area code only, nothing that names anyone.
  ['a usage report without its dimension', (w) => ({ request: get('/admin/reports/usage', w.adminToken), status: 400 })],
  ['a usage report by account', (w) => ({ request: get('/admin/reports/usage?by=accountId', w.adminToken), status: 400 })],
  ['a usage report by an email', (w) => ({ request: get(`/admin/reports/usage?by=${encodeURIComponent(EMAIL)}`, w.adminToken), status: 400, secrets: [EMAIL] })],
  ['a usage report by two dimensions at once', (w) => ({ request: get('/admin/reports/usage?by=month&by=areaCode', w.adminToken), status: 400 })],
  ['a usage report by a dimension of 5,000 characters', (w) => ({ request: get(`/admin/reports/usage?by=${'m'.repeat(5000)}`, w.adminToken), status: 400 })],
  ['a usage report asked by a customer', (w) => ({ request: get('/admin/reports/usage?by=month', w.alice.token), status: 403 })],

  // An export's download link (public: its token is the credential).
  ['an export link without its token', () => ({ request: get('/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/export'), status: 400 })],
  ['an export link with a token of another shape', () => ({ request: get('/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/export?token=not-a-token'), status: 400 })],
  ['an export link with a token of 5,000 characters', () => ({ request: get(`/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/export?token=${'A'.repeat(5000)}`), status: 400 })],
  ['an export link with a forged signature', () => ({ request: get(`/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/export?token=${Math.floor(Date.now() / 1000) + 3600}.${'A'.repeat(43)}`), status: 404 })],
  ['an export link of a traversing id', () => ({ request: get(`/rights-requests/..%2F..%2Fexports/export?token=${Math.floor(Date.now() / 1000) + 3600}.${'A'.repeat(43)}`), status: 404 })],
  ['an export link with an email for a token', () => ({ request: get(`/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/export?token=${encodeURIComponent(EMAIL)}`), status: 400, secrets: [EMAIL] })],

  // Child-data reports and a request's audit trail (admin).
  ['a child-data report by a customer', (w) => ({ request: json('POST', '/admin/child-data-reports', { email: EMAIL }, w.alice.token), status: 403, secrets: [EMAIL] })],
  ['a child-data report without a token', () => ({ request: json('POST', '/admin/child-data-reports', { email: EMAIL }), status: 401, secrets: [EMAIL] })],
  ['a child-data report with an unknown field', (w) => ({ request: json('POST', '/admin/child-data-reports', { email: EMAIL, age: 12 }, w.adminToken), status: 400, secrets: [EMAIL] })],
  ['a child-data report of a phone number', (w) => ({ request: json('POST', '/admin/child-data-reports', { email: PHONE }, w.adminToken), status: 400, secrets: [PHONE] })],
  ['a child-data report with an email as a key', (w) => ({ request: json('POST', '/admin/child-data-reports', { [EMAIL]: true }, w.adminToken), status: 400, secrets: [EMAIL] })],
  ['a child-data report of nested arrays', (w) => ({ request: json('POST', '/admin/child-data-reports', { email: JSON.parse('['.repeat(40) + ']'.repeat(40)) }, w.adminToken), status: 400 })],
  ["a request's audit trail read by a customer", (w) => ({ request: get('/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH', w.alice.token), status: 403 })],
  ["an unknown request's audit trail", (w) => ({ request: get('/admin/rights-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH', w.adminToken), status: 404 })],
  ["the audit trail of an email for an id", (w) => ({ request: get(`/admin/rights-requests/${encodeURIComponent(EMAIL)}`, w.adminToken), status: 404, secrets: [EMAIL] })],

  // Referrals (customer) and the choices emailed links record (public: the signed token is the credential).
  ['a referral without a token', () => ({ request: json('POST', '/referrals', { friendName: 'Bo', friendEmail: EMAIL }), status: 401, secrets: [EMAIL] })],
  ['a referral by an admin', (w) => ({ request: json('POST', '/referrals', { friendName: 'Bo', friendEmail: EMAIL }, w.adminToken), status: 403, secrets: [EMAIL] })],
  ['a referral of a phone number', (w) => ({ request: json('POST', '/referrals', { friendName: 'Bo', friendEmail: PHONE }, w.alice.token), status: 400, secrets: [PHONE] })],
  ['a referral naming its referrer', (w) => ({ request: json('POST', '/referrals', { friendName: 'Bo', friendEmail: EMAIL, referrerId: w.bob.accountId }, w.alice.token), status: 400, secrets: [EMAIL] })],
  ['a referral whose friend name holds a card number', (w) => ({ request: json('POST', '/referrals', { friendName: `Bo ${CARD_SPACED}`, friendEmail: EMAIL }, w.alice.token), status: 400, secrets: [...cardSecrets(CARD_SPACED), EMAIL] })],
  ['a referral whose friend name holds a bidi override', (w) => ({ request: json('POST', '/referrals', { friendName: 'Bo \u202Etxt.exe', friendEmail: EMAIL }, w.alice.token), status: 400, secrets: [EMAIL] })],
  ['a referral with an email as a key', (w) => ({ request: json('POST', '/referrals', { [EMAIL]: true }, w.alice.token), status: 400, secrets: [EMAIL] })],
  ['a referral as a form', (w) => ({ request: text('POST', '/referrals', `friendName=Bo&friendEmail=${encodeURIComponent(EMAIL)}`, 'application/x-www-form-urlencoded', w.alice.token), status: 415, secrets: [EMAIL] })],
  ['a referral over 2 KB', (w) => ({ request: json('POST', '/referrals', { friendName: 'x'.repeat(3000), friendEmail: EMAIL }, w.alice.token), status: 413, secrets: [EMAIL] })],
  ['referrals listed with a limit of 0', (w) => ({ request: get('/referrals?limit=0', w.alice.token), status: 400 })],
  ['referrals listed with a cursor of another kind', (w) => ({ request: get(`/referrals?cursor=${Buffer.from(JSON.stringify({ sk: 'FAX#fax_01JZ8Q3V5K9TWXB2C4D6E8F0GH' })).toString('base64url')}`, w.alice.token), status: 400 })],
  ['referrals listed by an admin', (w) => ({ request: get('/referrals', w.adminToken), status: 403 })],
  ['an unsubscribe without a token', () => ({ request: { method: 'POST', path: '/unsubscribe' }, status: 404 })],
  ['an unsubscribe with a forged token', (w) => ({ request: { method: 'POST', path: `/unsubscribe?token=opt_out_all.${w.alice.accountId}.${'A'.repeat(43)}` }, status: 404 })],
  ['an unsubscribe of another choice under a signature', (w) => ({ request: get(`/unsubscribe?token=delete_account.${w.alice.accountId}.${'A'.repeat(43)}`), status: 404 })],
  ['an unsubscribe with a token of 5,000 characters', () => ({ request: get(`/unsubscribe?token=${'A'.repeat(5000)}`), status: 404 })],
  ['an unsubscribe with an email for a token', () => ({ request: get(`/unsubscribe?token=${encodeURIComponent(EMAIL)}`), status: 404, secrets: [EMAIL] })],
  ['a one-click unsubscribe as JSON', () => ({ request: json('POST', '/unsubscribe?token=x', { 'List-Unsubscribe': 'One-Click' }), status: 415 })],
  ['a one-click unsubscribe with another form field', () => ({ request: text('POST', '/unsubscribe?token=x', 'List-Unsubscribe=One-Click&optOutAll=false', 'application/x-www-form-urlencoded'), status: 400 })],
  ['a one-click unsubscribe with a card number in its form', () => ({ request: text('POST', '/unsubscribe?token=x', `List-Unsubscribe=${CARD}`, 'application/x-www-form-urlencoded'), status: 400, secrets: cardSecrets(CARD) })],
  ['a one-click unsubscribe with an email as a form field', () => ({ request: text('POST', '/unsubscribe?token=x', `${encodeURIComponent(EMAIL)}=1`, 'application/x-www-form-urlencoded'), status: 400, secrets: [EMAIL] })],
  ['a one-click unsubscribe over its limit', () => ({ request: text('POST', '/unsubscribe?token=x', `List-Unsubscribe=${'x'.repeat(1000)}`, 'application/x-www-form-urlencoded'), status: 413 })],
  ['a referral opt-out without a token', () => ({ request: get('/referrals/opt-out'), status: 404 })],
  ['a referral opt-out with a forged token', () => ({ request: get(`/referrals/opt-out?token=referral_opt_out.${'A'.repeat(43)}.${'A'.repeat(43)}`), status: 404 })],
  ["a referral opt-out with a customer's forged link", (w) => ({ request: get(`/referrals/opt-out?token=opt_out_all.${w.alice.accountId}.${'A'.repeat(43)}`), status: 404 })],
  // Legal requests (admin): POST /admin/legal-requests, …/{id}/fee, …/object, …/reject, …/produce, GET /admin/legal-requests[/{id}], /admin/legal-holds, GET /legal-productions/{id}.
  ['a legal request by a customer', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody(), w.alice.token), status: 403, secrets: [EMAIL] })],
  ['a legal request without a token', () => ({ request: json('POST', '/admin/legal-requests', legalBody()), status: 401, secrets: [EMAIL] })],
  ['a legal request by a token that made itself admin', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody(), tamperedToken(w.alice.token, { 'cognito:groups': ['admin'] })), status: 401, secrets: [EMAIL] })],
  ['a legal request of an unknown kind', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody({ kind: 'friendly_ask' }), w.adminToken), status: 400, secrets: [EMAIL] })],
  ['a legal request about nobody', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody({ subject: {} }), w.adminToken), status: 400 })],
  ['a legal request of an unknown category', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody({ scope: { categories: ['everything'] } }), w.adminToken), status: 400, secrets: [EMAIL] })],
  ['a legal request of no category', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody({ scope: { categories: [] } }), w.adminToken), status: 400, secrets: [EMAIL] })],
  ['a legal request naming a category twice', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody({ scope: { categories: ['account', 'account'] } }), w.adminToken), status: 400, secrets: [EMAIL] })],
  ['a legal request whose range ends before it starts', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody({ scope: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z', categories: ['account'] } }), w.adminToken), status: 400, secrets: [EMAIL] })],
  ['a legal request with a card number in the address', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody({ requester: { name: 'P', organization: 'O', email: 'p@law.test', address: CARD_SPACED } }), w.adminToken), status: 400, secrets: cardSecrets(CARD_SPACED) })],
  ['a legal request with an email as a key', (w) => ({ request: json('POST', '/admin/legal-requests', { ...legalBody(), [EMAIL]: true }, w.adminToken), status: 400, secrets: [EMAIL] })],
  ['a legal request about a phone number as an email', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody({ subject: { email: PHONE } }), w.adminToken), status: 400, secrets: [PHONE] })],
  ['a legal request about an account id of another shape', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody({ subject: { accountId: '../../etc' } }), w.adminToken), status: 400, secrets: [EMAIL] })],
  ['a legal request over 32 KB', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody({ documentRefs: ['x'.repeat(40_000)] }), w.adminToken), status: 413, secrets: [EMAIL] })],
  ['a legal request not in writing', (w) => ({ request: json('POST', '/admin/legal-requests', legalBody({ receivedInWriting: false }), w.adminToken), status: 422, secrets: [EMAIL] })],
  ['a legal fee by a customer', (w) => ({ request: json('POST', `/admin/legal-requests/${LEGAL_ID}/fee`, { amountCents: 25000 }, w.alice.token), status: 403 })],
  ['a legal fee of an unknown request', (w) => ({ request: json('POST', `/admin/legal-requests/${LEGAL_ID}/fee`, { amountCents: 25000 }, w.adminToken), status: 404 })],
  ['a legal fee of a rights request id', (w) => ({ request: json('POST', '/admin/legal-requests/rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH/fee', { amountCents: 25000 }, w.adminToken), status: 404 })],
  ['a legal fee in dollars', (w) => ({ request: json('POST', `/admin/legal-requests/${LEGAL_ID}/fee`, { amountCents: 250.5 }, w.adminToken), status: 400 })],
  ['a negative legal fee', (w) => ({ request: json('POST', `/admin/legal-requests/${LEGAL_ID}/fee`, { amountCents: -25000 }, w.adminToken), status: 400 })],
  ['a legal fee as a string', (w) => ({ request: json('POST', `/admin/legal-requests/${LEGAL_ID}/fee`, { amountCents: '25000' }, w.adminToken), status: 400 })],
  ['a legal objection without a reason', (w) => ({ request: json('POST', `/admin/legal-requests/${LEGAL_ID}/object`, {}, w.adminToken), status: 400 })],
  ['a legal objection with a bidi override', (w) => ({ request: json('POST', `/admin/legal-requests/${LEGAL_ID}/object`, { reason: 'vague \u202Etxt.exe' }, w.adminToken), status: 400 })],
  ['a legal rejection by a customer', (w) => ({ request: json('POST', `/admin/legal-requests/${LEGAL_ID}/reject`, { reason: 'x' }, w.alice.token), status: 403 })],
  ['a legal rejection of a traversing id', (w) => ({ request: json('POST', '/admin/legal-requests/..%2F..%2Faccounts/reject', { reason: 'x' }, w.adminToken), status: 404 })],
  ['a production by a customer', (w) => ({ request: { method: 'POST', path: `/admin/legal-requests/${LEGAL_ID}/produce`, token: w.alice.token }, status: 403 })],
  ['a production of an unknown request', (w) => ({ request: { method: 'POST', path: `/admin/legal-requests/${LEGAL_ID}/produce`, token: w.adminToken }, status: 404 })],
  ['legal requests listed by a customer', (w) => ({ request: get('/admin/legal-requests?status=ready', w.alice.token), status: 403 })],
  ['legal requests listed without a status', (w) => ({ request: get('/admin/legal-requests', w.adminToken), status: 400 })],
  ['legal requests with a cursor of another kind', (w) => ({ request: get(`/admin/legal-requests?status=ready&cursor=${Buffer.from(JSON.stringify({ sk: `ACCOUNT#${w.alice.accountId}` })).toString('base64url')}`, w.adminToken), status: 400 })],
  ['a legal request read by a customer', (w) => ({ request: get(`/admin/legal-requests/${LEGAL_ID}`, w.alice.token), status: 403 })],
  ['a legal request of an email for an id', (w) => ({ request: get(`/admin/legal-requests/${encodeURIComponent(EMAIL)}`, w.adminToken), status: 404, secrets: [EMAIL] })],
  ['legal holds listed by a customer', (w) => ({ request: get('/admin/legal-holds', w.alice.token), status: 403 })],
  ['legal holds listed with a limit of 1,000', (w) => ({ request: get('/admin/legal-holds?limit=1000', w.adminToken), status: 400 })],
  ['a production link with a forged token', () => ({ request: get(`/legal-productions/${LEGAL_ID}?token=4102444800.${'A'.repeat(43)}`), status: 404 })],
  ['a production link with a malformed token', () => ({ request: get(`/legal-productions/${LEGAL_ID}?token=../../etc/passwd`), status: 400 })],

  // The local-only routes.
  ['a token request without a content type', () => ({ request: text('POST', '/_local/token', `{"email":"${EMAIL}"}`), status: 415, secrets: [EMAIL] })],
  ['a token request of truncated JSON', () => ({ request: text('POST', '/_local/token', `{"email":"${EMAIL}"`, 'application/json'), status: 400, secrets: [EMAIL] })],
  ['a token request with an unknown field', () => ({ request: json('POST', '/_local/token', { email: EMAIL, accountId: 'acc_x' }), status: 400, secrets: [EMAIL] })],
  ['a token request with an email as a key', () => ({ request: json('POST', '/_local/token', { [EMAIL]: true }), status: 400, secrets: [EMAIL] })],
  ['a token request with a card number as a key', () => ({ request: json('POST', '/_local/token', { [CARD]: true }), status: 400, secrets: cardSecrets(CARD) })],
  ['a token request for a root group', () => ({ request: json('POST', '/_local/token', { email: EMAIL, groups: ['root'] }), status: 400, secrets: [EMAIL] })],
  ['a token request for nobody', () => ({ request: json('POST', '/_local/token', { email: EMAIL }), status: 422, secrets: [EMAIL] })],
  ['a token request that is GET', () => ({ request: get('/_local/token'), status: 405 })],
  ['a clock set to words', () => ({ request: json('PUT', '/_local/clock', { now: 'tomorrow' }), status: 400 })],
  ['a sent-email lookup of a card number', () => ({ request: get(`/_local/emails?to=${CARD}`), status: 200, secrets: cardSecrets(CARD) })],
  ['an unknown local route', () => ({ request: get('/_local/secrets'), status: 404 })],
  ['an unknown schedule', () => ({ request: { method: 'POST', path: '/_local/schedules/rm%20-rf/run' }, status: 404 })],
  ['a schedule of malformed encoding', () => ({ request: { method: 'POST', path: '/_local/schedules/%E0/run' }, status: 400 })],

  // Every path parameter of every route, 3,000 characters long (generated from the declarations).
  ...everyPathWith('A'.repeat(3000)).map(({ route, build }): HostileCase => [
    `a 3,000-character path parameter to ${route}`,
    (w) => build({ customer: w.alice.token, optional: w.alice.token, admin: w.adminToken }),
  ]),
];

const baseUrl = () => process.env.E2E_BASE_URL!;
let world: World;

beforeAll(async () => {
  const alice = await newCustomer();
  const bob = await newCustomer();
  const accepted = await gatewayCall('/gateway/faxes', faxEvent(bob.form.faxNumber));
  if (accepted.status !== 202) throw new Error(`a fax for the test tenant was refused: ${accepted.status}`);
  // Delivery is asynchronous: wait until the fax is in its owner's inbox.
  for (let attempt = 0; attempt < 80; attempt += 1) {
    if ((await call('GET', `/faxes/${accepted.body.faxId}`, { token: bob.token })).status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Each attempt counts toward its email's day, answered 409 (alice's email) or 422 (a number
  // not in the inventory) alike.
  const usedUpMailbox = `flood.${randomUUID().slice(0, 8)}@acme.test`;
  for (let n = 0; n < SIGN_UPS_PER_EMAIL_PER_DAY; n += 1) {
    await call('POST', '/accounts', { json: signUpFields({ email: usedUpMailbox.replace('@', `+${n}@`) }) });
    await call('POST', '/accounts', { json: signUpFields({ email: alice.form.email }) });
  }
  const carol = await newCustomer();
  await useUpEmailChangeCodes(carol.token);
  const limitedEmail = `limited.${randomUUID().slice(0, 8)}@example.test`;
  for (let n = 0; n < RIGHTS_CODES_AWAITING_USE; n += 1) expect((await call('POST', '/rights-requests', { json: { type: 'access', email: limitedEmail } })).status).toBe(202);
  const { requestId, requestToken } = await useUpRightsTries(`locked.${randomUUID().slice(0, 8)}@example.test`);
  const { privateKey } = await generateKeyPair('RS256');
  const aliceClaims = JSON.parse(Buffer.from(alice.token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  world = {
    alice,
    bob: { ...bob, faxId: accepted.body.faxId as string, faxNumber: bob.form.faxNumber },
    adminToken: await tokenFor(`ops.${randomUUID().slice(0, 8)}@acme.test`, { groups: ['admin'] }),
    expiredToken: await tokenFor(alice.form.email, { expiresInSeconds: -120 }),
    otherKeyToken: await new SignJWT(aliceClaims).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(privateKey),
    usedUpMailbox,
    carol,
    limitedEmail,
    lockedRequest: { requestId, requestToken },
  };
}, 60_000);

// Every secret any case sent, for the check of the runtime's own output at the end.
const sentSecrets = new Set<string>();

/** Sends one case and lists what is wrong with its answer (an unanswered request included). */
const judge = async ([, build]: HostileCase): Promise<string[]> => {
  const { request, secrets = [], status } = build(world);
  secrets.forEach((secret) => sentSecrets.add(secret));
  try {
    const answer = await perform(baseUrl(), request);
    // Raw bytes are below any HTTP client (and often below HTTP): only requests a client can send
    // are held to the OpenAPI document.
    const outsideContract = 'raw' in request ? [] : contractViolations(request.method, request.path, { ...answer, contentType: answer.headers['content-type'] ?? null });
    return [...violationsOf(answer, secrets, status), ...outsideContract];
  } catch (error) {
    return [`not answered: ${(error as Error).message}`];
  }
};

it('covers at least 100 distinct kinds of hostile request', () => {
  expect(new Set(CASES.map(([name]) => name)).size).toBe(CASES.length);
  expect(CASES.length).toBeGreaterThanOrEqual(100);
});

describe('one at a time', () => {
  it.each(CASES)('answers %s safely', async (...hostileCase) => {
    // Act
    const violations = await judge(hostileCase);

    // Assess
    expect(violations).toEqual([]);
  }, 30_000);
});

describe('all at once', () => {
  it('answers every case safely with 20 in flight', async () => {
    // Prepare
    const queue = [...CASES];
    const failures: Record<string, string[]> = {};

    // Act
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const violations = await judge(next);
          if (violations.length > 0) failures[next[0]] = violations;
        }
      }),
    );

    // Assess
    expect(failures).toEqual({});
  }, 120_000);
});

describe('afterwards', () => {
  it('logged none of the card numbers, emails and phone numbers the hostile requests carried', () => {
    // Act
    const output = runtimeOutput();

    // Assess
    expect([...sentSecrets].filter((secret) => output.includes(secret))).toEqual([]);
  });

  it('is healthy, signs up a customer, and kept what the hostile requests aimed at', async () => {
    // Act
    const health = await call('GET', '/health');
    const customer = await newCustomer();
    const me = await call('GET', '/me', { token: customer.token });
    const bobsFax = await call('GET', `/faxes/${world.bob.faxId}`, { token: world.bob.token });
    const alice = await call('GET', '/me', { token: world.alice.token });

    // Assess
    expect(health.status).toBe(200);
    expect(me.status).toBe(200);
    expect(bobsFax.status).toBe(200);
    expect(alice.body).toMatchObject({ accountId: world.alice.accountId, status: 'active' });
  });
});
