import { redact } from './redact';

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
    'token',
    'processorToken',
    'authorization',
    'cookie',
    'password',
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
