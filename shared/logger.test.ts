import { Logger, logger } from './logger';
import { lambdaContext } from '../test/support/http';
import { captureOutput } from '../test/support/output';

const EMAIL = 'ana.ruiz@acme.test';
const CARD = '4111 1111 1111 1111';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJl';
const SECRETS = [EMAIL, CARD, CARD.replaceAll(' ', ''), TOKEN];

/** Runs `log` and returns the JSON lines the logger printed. */
const logged = (log: () => void): { text: string; lines: Record<string, unknown>[] } => {
  const output = captureOutput();
  try {
    log();
  } finally {
    output.restore();
  }
  const text = output.text();
  return { text, lines: text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
};

describe('logger', () => {
  afterEach(() => logger.resetKeys());

  it('writes one structured JSON line per entry, keeping harmless attributes', () => {
    // Act
    const { lines } = logged(() => logger.info('account created', { accountId: 'acc_1', status: 'active', count: 2 }));

    // Assess
    expect(lines).toEqual([
      expect.objectContaining({ level: 'INFO', message: 'account created', accountId: 'acc_1', status: 'active', count: 2 }),
    ]);
  });

  it('never prints an email, a card number or a token passed in the message', () => {
    // Act
    const { text, lines } = logged(() => logger.warn(`sign-up by ${EMAIL} with card ${CARD} and token ${TOKEN}`));

    // Assess
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(lines[0].message).toBe('sign-up by [redacted] with card [redacted] and token [redacted]');
  });

  it('never prints them when passed as attributes, under telling or harmless keys, at any depth', () => {
    // Act
    const { text, lines } = logged(() =>
      logger.info('request received', {
        email: EMAIL,
        authorization: `Bearer ${TOKEN}`,
        note: `card ${CARD}`,
        nested: { list: [{ contact: EMAIL, header: TOKEN }] },
        accountId: 'acc_1',
      }),
    );

    // Assess
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(lines[0]).toEqual(
      expect.objectContaining({
        email: '[redacted]',
        authorization: '[redacted]',
        note: 'card [redacted]',
        nested: { list: [{ contact: '[redacted]', header: '[redacted]' }] },
        accountId: 'acc_1',
      }),
    );
  });

  it('never prints them from persistent keys or an object-form entry', () => {
    // Prepare
    logger.appendKeys({ requestId: 'req-1', note: `for ${EMAIL}` });

    // Act
    const { text, lines } = logged(() => logger.info({ message: `token ${TOKEN}`, detail: `card ${CARD}` }));

    // Assess
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(lines[0]).toEqual(expect.objectContaining({ requestId: 'req-1', note: 'for [redacted]', message: 'token [redacted]' }));
  });

  it('prints an error with its name, redacted message and redacted stack', () => {
    // Prepare
    const error = new Error(`lookup failed for ${EMAIL} (card ${CARD})`);

    // Act
    const { text, lines } = logged(() => {
      logger.error('request failed', { error });
      logger.error('request failed', error);
    });

    // Assess
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const expected = {
      name: 'Error',
      message: 'lookup failed for [redacted] (card [redacted])',
      stack: expect.stringMatching(/^Error: lookup failed for \[redacted\] \(card \[redacted\]\)\n\s+at .*logger\.test\.ts:\d+:\d+/),
    };
    expect(lines.map((line) => line.error)).toEqual([expected, expected]);
  });

  it('keeps operational keys that merely contain a sensitive word', () => {
    // Act
    const { lines } = logged(() =>
      logger.info('dependency call failed', { functionName: 'get-fax', errorCode: 'ThrottlingException', problemType: 'about:blank' }),
    );

    // Assess
    expect(lines[0]).toEqual(
      expect.objectContaining({ functionName: 'get-fax', errorCode: 'ThrottlingException', problemType: 'about:blank' }),
    );
  });

  it("gives a child the invocation's function context and keys of its own, until they are reset", async () => {
    // Prepare
    const child = logger.createChild();
    child.addContext(lambdaContext('get-fax'));
    child.appendKeys({ requestId: 'req-1' });

    // Act
    const { lines } = logged(() => {
      child.info('request completed');
      logger.info('outside the invocation');
      child.resetKeys();
      child.info('after the invocation');
    });

    // Assess
    const context = { function_name: 'get-fax', function_request_id: 'lambda-req-0001', cold_start: false };
    expect(lines[0]).toEqual(expect.objectContaining({ ...context, requestId: 'req-1', service: expect.any(String), timestamp: expect.any(String) }));
    expect(lines[1]).not.toHaveProperty('function_name');
    expect(lines[1]).not.toHaveProperty('requestId');
    expect(lines[2]).toEqual(expect.objectContaining(context));
    expect(lines[2]).not.toHaveProperty('requestId');
  });

  it('writes info to stdout, warnings and errors to stderr, and nothing below POWERTOOLS_LOG_LEVEL', () => {
    // Prepare
    const previous = process.env.POWERTOOLS_LOG_LEVEL;
    process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
    const quiet = new Logger();
    process.env.POWERTOOLS_LOG_LEVEL = previous;
    const written: { stream: string; line: string }[] = [];
    const spies = (['stdout', 'stderr'] as const).map((stream) =>
      jest.spyOn(process[stream], 'write').mockImplementation((line) => written.push({ stream, line: String(line) }) > 0),
    );

    // Act
    try {
      quiet.info('routine');
      quiet.warn('unusual');
      quiet.error('failed');
      logger.info('routine');
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }

    // Assess
    expect(written.map(({ stream, line }) => [stream, (JSON.parse(line) as { level: string }).level])).toEqual([
      ['stderr', 'WARN'],
      ['stderr', 'ERROR'],
      ['stdout', 'INFO'],
    ]);
  });

  it('leaves out empty values and never lets an attribute replace a standard key', () => {
    // Act
    const { lines } = logged(() => logger.info('request completed', { status: undefined, note: '', nothing: null, level: 'DEBUG', count: 0 }));

    // Assess
    expect(lines[0]).toEqual(expect.objectContaining({ level: 'INFO', count: 0 }));
    for (const key of ['status', 'note', 'nothing']) expect(lines[0]).not.toHaveProperty(key);
  });
});
