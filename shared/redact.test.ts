import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { catalog } from '../functions/catalog';
import { declaredFields } from './http/declared-keys';
import { redact } from './redact';
import { e164 } from './text-fields';
import { emailRequestedV1 } from '../events/email-requested';
import { bounceEvent, complaintEvent, invitation } from '../test/support/email';

const REDACTED = '[redacted]';
const EMAIL = 'ana.ruiz@acme.test';
const E164 = '+15551230001';
const CARD = '4111 1111 1111 1111';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMiLCJlbWFpbCI6ImFuYUBhY21lLnRlc3QifQ.c2lnbmF0dXJlLWJ5dGVz';

describe('redact', () => {
  it.each([
    'email',
    'Email',
    'contactEmail',
    'phone',
    'faxNumber',
    'from',
    'to',
    'contactName',
    'company',
    'address',
    'remoteStationId',
    'params',
    'temporaryPassword',
    'emailAddress',
    'token',
    'processorToken',
    'authorization',
    'cookie',
    'password',
    'temporaryPassword',
    'codeHash',
    'pendingEmail',
    'emailChange',
    'params',
    'secret',
    'cardNumber',
    'cvv',
    'body',
    'contentBase64',
    'billing',
    'corrections',
    'details',
    'description',
  ])('replaces whatever sits under the sensitive key %s', (key) => {
    // Prepare
    const value = { [key]: { anything: 'harmless-looking', count: 3 } };

    // Act
    const safe = redact(value);

    // Assess
    expect(safe).toEqual({ [key]: REDACTED });
  });

  it("redacts a policy version's summary (free text) but keeps a scheduled job's summary (its counts)", () => {
    expect(redact({ summary: 'Acme buys us; write to ana@acme.test' })).toEqual({ summary: '[redacted]' });
    expect(redact({ summary: { faxesRemoved: 3 } })).toEqual({ summary: { faxesRemoved: 3 } });
  });

  it('redacts by key every request field of every route that takes free text, an email or a phone or fax number', () => {
    // Prepare: every field a request may carry (bodies, path and query parameters of every route);
    // free text is what accepts a name.
    const schemas = catalog.flatMap(({ trigger }) =>
      trigger.kind === 'http' ? [trigger.body, trigger.pathParameters, trigger.query].filter((schema): schema is $ZodType => schema !== undefined) : [],
    );
    const unwrapped = (field: $ZodType): $ZodType => {
      const { innerType } = field._zod.def as { innerType?: $ZodType };
      return innerType ? unwrapped(innerType) : field;
    };
    const personal = schemas
      .flatMap(declaredFields)
      .filter(([, field]) => {
        const leaf = unwrapped(field);
        return leaf === e164 || (leaf._zod.def as { format?: string }).format === 'email' || z.safeParse(leaf, 'Ana Ruiz').success;
      })
      .map(([key]) => key);

    // Act
    const safe = redact(Object.fromEntries(personal.map((key) => [key, 'x']))) as Record<string, unknown>;

    // Assess
    expect(personal).toEqual(expect.arrayContaining(['company', 'contactName', 'email', 'phone', 'faxNumber', 'from', 'to', 'remoteStationId']));
    expect(personal.filter((key) => safe[key] !== REDACTED)).toEqual([]);
  });

  it.each([
    ['an email.requested invitation', invitation({ to: 'ana.ruiz@acme.test', params: { username: 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH', temporaryPassword: 'Tmp-Pa55word!x' } } as never), ['ana.ruiz@acme.test', 'Tmp-Pa55word!x']],
    ['an email.requested code', invitation({ to: 'ana.ruiz@acme.test', template: 'email-change-code', params: { code: '493027' } } as never), ['ana.ruiz@acme.test', '493027']],
    ['an email.requested rights request code', invitation({ to: 'ana.ruiz@acme.test', template: 'rights-request-code', params: { code: '715204' } } as never), ['ana.ruiz@acme.test', '715204']],
    ['an SES bounce', bounceEvent('Permanent', ['bob.unknown@acme.test']), ['bob.unknown']],
    ['an SES complaint', complaintEvent(['cy@acme.test']), ['cy@acme']],
  ])('leaves nothing personal or secret of %s, logged whole', (_case, event, secrets) => {
    // Prepare
    if ('type' in event) expect(emailRequestedV1.safeParse(event).success).toBe(true);

    // Act
    const safe = JSON.stringify(redact(event));

    // Assess
    for (const secret of secrets) expect(safe).not.toContain(secret);
  });

  it('leaves nothing of a rights request’s proof or free text: its token (receipt or header), code digests, details and corrections', () => {
    // Prepare
    const logged = {
      receipt: { requestId: 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH', status: 'pending_verification', requestToken: 'tok-Zm9vYmFyYmF6cXV4' },
      headers: { 'x-request-token': 'tok-Zm9vYmFyYmF6cXV4' },
      item: { requestTokenHash: 'hash-of-token', pendingCode: { codeHash: 'hash-of-code', attempts: 1 }, details: 'Tell me everything', corrections: { contactName: 'Ana M. Ruiz' } },
    };

    // Act
    const safe = JSON.stringify(redact(logged));

    // Assess
    for (const secret of ['tok-Zm9vYmFyYmF6cXV4', 'hash-of-token', 'hash-of-code', 'Tell me everything', 'Ana M. Ruiz']) expect(safe).not.toContain(secret);
    expect(safe).toContain('rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH');
  });

  it('matches sensitive keys by exact name, so operational keys that merely contain one survive', () => {
    // Prepare
    const value = {
      functionName: 'get-fax',
      serviceName: 'fax',
      errorCode: 'ECONNREFUSED',
      code: 'ThrottlingException',
      problemType: 'https://fax.example/problems/not-found',
      route: 'GET /faxes/{faxId}',
      tokenExpiresInSeconds: 900,
      bodyBytes: 1024,
      toDeliver: 3,
      fromCache: false,
    };

    // Act
    const safe = redact(value);

    // Assess
    expect(safe).toEqual(value);
  });

  it('redacts sensitive keys at any depth, in objects and arrays', () => {
    // Prepare
    const value = { level1: { items: [{ deeper: { email: EMAIL, accountId: 'acc_1' } }] } };

    // Act
    const safe = redact(value);

    // Assess
    expect(safe).toEqual({ level1: { items: [{ deeper: { email: REDACTED, accountId: 'acc_1' } }] } });
  });

  it.each([
    ['an email', `sent to ${EMAIL} today`, EMAIL],
    ['an E.164 number', `fax from ${E164} arrived`, E164],
    ['a JWT', `Bearer ${JWT}`, JWT],
    ['a card number with spaces', `card ${CARD} declined`, CARD],
    ['a card number with dashes', 'card 5555-5555-5555-4444 declined', '5555-5555-5555-4444'],
  ])('scrubs %s out of free text under a harmless key', (_case, text, secret) => {
    // Act
    const safe = redact({ note: text }) as { note: string };

    // Assess
    expect(safe.note).not.toContain(secret);
    expect(safe.note).toContain(REDACTED);
    expect(safe.note.split(REDACTED)).toEqual(text.split(secret));
  });

  it.each([
    ['a date range the card screen reads as one number', 'window 2024/01/01 - 2024/12/31 done', 'window [redacted] done'],
    ['a card number in fullwidth digits', 'declined \uFF14\uFF11\uFF11\uFF11 1111 1111 1111 at checkout', 'declined [redacted] at checkout'],
    ['a card number split by zero-width spaces', 'declined 4111\u200B1111\u200B1111\u200B1111 at checkout', 'declined [redacted] at checkout'],
    ['two card numbers', 'tried 4111 1111 1111 1111 and 5555-5555-5555-4444, both declined', 'tried [redacted] and [redacted], both declined'],
  ])('replaces only the card-like run in %s, keeping the rest of the text', (_case, text, expected) => {
    // Act
    const safe = redact(text);

    // Assess
    expect(safe).toBe(expected);
  });

  it('keeps an error’s message and stack readable around a card-like run, redacting only the run', () => {
    // Prepare
    const error = new RangeError('window 2024/01/01 - 2024/12/31 done');

    // Act
    const safe = redact(error) as { message: string; stack: string };

    // Assess
    expect(safe.message).toBe('window [redacted] done');
    expect(safe.stack).toMatch(/^RangeError: window \[redacted\] done\n\s+at .*redact\.test\.ts:\d+:\d+/);
  });

  it.each([
    ['a fax id whose ULID is mostly digits', 'fax fax_01KB0000000000000000000001 arrived'],
    ['an account id of card digits', 'account acc_41111111111111110000000000 updated'],
    ['an upload id', 'upload upl_01JZ8Q3V5K9TWXB2C4D6E8F0GH filled'],
    ['a Lambda request id whose tail is card-like digits', 'request 5a3e14bf-9b32-46fc-8a1b-123456789012 failed'],
    ['an SQS message id in upper case', 'message 5A3E14BF-9B32-46FC-8A1B-424242424242 retried'],
    ['an SES message id around a UUID', 'sent 0100018f3c2a1b2c-5a3e14bf-9b32-46fc-8a1b-123456789012-000000'],
    ['a bare ULID', 'job 01JZ8Q3V5K9TWXB2C4D6E8F0GH ran'],
  ])("keeps ids whole: %s", (_case, text) => {
    // Act
    const safe = redact(text);

    // Assess
    expect(safe).toBe(text);
  });

  it.each([
    ['another prefix', 'ref abc_41111111111111110000000000', 'ref abc_[redacted]'],
    ['a time part no ULID has (first character over 7)', 'ref fax_91111111111111110000000000', 'ref fax_[redacted]'],
    ['a bare ULID holding 16 digits in a row', 'ref 04111111111111111ABCDEFGHJ', 'ref [redacted]ABCDEFGHJ'],
    ['a UUID with a card glued to it', 'ref 5a3e14bf-9b32-46fc-8a1b-123456789012-4111111111111111', 'ref 5a3e14bf-9b32-46fc-8a1b-123456789012-[redacted]'],
    ['a UUID followed by a card', 'ref 5a3e14bf-9b32-46fc-8a1b-123456789012 4111 1111 1111 1111', 'ref 5a3e14bf-9b32-46fc-8a1b-123456789012 [redacted]'],
    ['a UUID followed by a phone number', 'ref 5a3e14bf-9b32-46fc-8a1b-123456789012 +15551230001', 'ref 5a3e14bf-9b32-46fc-8a1b-123456789012 [redacted]'],
  ])('redacts card digits in the shape of an id of %s', (_case, text, expected) => {
    // Act
    const safe = redact(text);

    // Assess
    expect(safe).toBe(expected);
  });

  it('scrubs a bare string', () => {
    // Act
    const safe = redact(`${EMAIL} ${CARD}`);

    // Assess
    expect(safe).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('keeps harmless values: ids, statuses, counts, flags, times and short numbers', () => {
    // Prepare
    const value = {
      accountId: 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH',
      requestId: 'req-42',
      status: 'active',
      count: 17,
      retried: false,
      at: '2026-06-15T12:00:00.000Z',
      route: 'PATCH /me',
      orderRef: 'ref 1234567890123',
      nothing: null,
    };

    // Act
    const safe = redact(value);

    // Assess
    expect(safe).toEqual(value);
  });

  it('keeps an error’s name, message and stack, scrubbed, and drops its other fields', () => {
    // Prepare
    const error = Object.assign(new TypeError(`no account for ${EMAIL}`), { secret: 'hunter2', $metadata: { requestId: 'x' } });

    // Act
    const safe = redact({ error }) as { error: Record<string, unknown> };

    // Assess
    expect(safe.error).toEqual({
      name: 'TypeError',
      message: `no account for ${REDACTED}`,
      stack: expect.stringMatching(/^TypeError: no account for \[redacted\]\n\s+at .*redact\.test\.ts:\d+:\d+/),
    });
    expect(JSON.stringify(safe)).not.toContain(EMAIL);
  });

  it('keeps file paths in a stack readable, scoped packages included', () => {
    // Prepare
    const error = new Error('dependency failed');
    error.stack = 'Error: dependency failed\n    at send (/var/task/node_modules/@aws-sdk/client-dynamodb/dist-es/index.js:12:34)';

    // Act
    const safe = redact(error);

    // Assess
    expect(safe).toEqual({ name: 'Error', message: 'dependency failed', stack: error.stack });
  });

  it('keeps the chain of causes, scrubbed, up to three links', () => {
    // Prepare
    const root = new Error(`socket closed by ${E164}`);
    const chain = new Error('level 1', { cause: new Error('level 2', { cause: new Error('level 3', { cause: root }) }) });

    // Act
    const safe = redact(chain) as { cause: { cause: { cause: { message: string; stack: string; cause?: unknown } } } };

    // Assess
    expect(safe.cause.cause.cause.message).toBe(`socket closed by ${REDACTED}`);
    expect(safe.cause.cause.cause.stack).not.toContain(E164);
    expect(safe.cause.cause.cause.cause).toBeUndefined();
    expect(redact(new Error('outer', { cause: { email: EMAIL, step: 'lookup' } }))).toEqual(
      expect.objectContaining({ cause: { email: REDACTED, step: 'lookup' } }),
    );
  });

  it('does not change the value it was given', () => {
    // Prepare
    const value = { email: EMAIL, note: `call ${E164}` };

    // Act
    redact(value);

    // Assess
    expect(value).toEqual({ email: EMAIL, note: `call ${E164}` });
  });
});
