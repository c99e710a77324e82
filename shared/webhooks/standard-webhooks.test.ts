import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { Unauthenticated } from '../errors';
import { NEXT_GATEWAY_SECRET } from '../../test/support/faxes';
import { TOLERANCE_SECONDS, sign, verifyDelivery, type Delivery } from './standard-webhooks';

// The Standard Webhooks specification's published test vector.
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const SECRET = 'whsec_' + Buffer.from('unit-webhook-secret-0001').toString('base64');
const OTHER_SECRET = 'whsec_' + Buffer.from('somebody-else-s-secret-9').toString('base64');
const NOW = 1_780_000_000;
const ID = 'msg_2n4Kx8QeVtZ1wY7cR3pLmA9sDf';
const BODY = Buffer.from('{"eventId":"gw-evt-123","pages":2}');

/** The signature computed here with node:crypto alone, independently of the module under test. */
const referenceSignature = (secret: string, id: string, timestamp: string, body: Buffer) =>
  'v1,' +
  createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
    .update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), body]))
    .digest('base64');

const signed = (overrides: Partial<Delivery> = {}, secret = SECRET): Delivery => {
  const timestamp = overrides.timestamp ?? String(NOW);
  const body = overrides.body ?? BODY;
  const id = overrides.id ?? ID;
  return { id, timestamp, body, signature: sign(secret, id, timestamp, body), ...overrides };
};

const verifies = (delivery: Delivery, secrets = [SECRET], nowSeconds = NOW) => () => verifyDelivery(delivery, secrets, nowSeconds);

describe('sign: the Standard Webhooks v1 signature', () => {
  it("reproduces the specification's published test vector", () => {
    // Act
    const signature = sign(SPEC.secret, SPEC.id, SPEC.timestamp, Buffer.from(SPEC.body));

    // Assess
    expect(signature).toBe(SPEC.signature);
    expect(referenceSignature(SPEC.secret, SPEC.id, SPEC.timestamp, Buffer.from(SPEC.body))).toBe(SPEC.signature);
  });

  it('is "v1," + base64 HMAC-SHA256 over id.timestamp.body, keyed by the base64-decoded whsec_ secret', () => {
    // Act
    const signature = sign(SECRET, ID, String(NOW), BODY);

    // Assess
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(signature).toBe(referenceSignature(SECRET, ID, String(NOW), BODY));
  });

  it('signs the raw body bytes, not a re-encoding of them', () => {
    // Prepare
    const notUtf8 = Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00, 0x80]);

    // Act
    const signature = sign(SECRET, ID, String(NOW), notUtf8);

    // Assess
    expect(signature).toBe(referenceSignature(SECRET, ID, String(NOW), notUtf8));
    expect(signature).not.toBe(sign(SECRET, ID, String(NOW), Buffer.from(notUtf8.toString('utf8'))));
  });
});

describe('verifyDelivery: accepted deliveries', () => {
  it("accepts the specification's test vector at its own timestamp", () => {
    // Prepare
    const delivery = { id: SPEC.id, timestamp: SPEC.timestamp, signature: SPEC.signature, body: Buffer.from(SPEC.body) };

    // Act / Assess
    expect(verifies(delivery, [SPEC.secret], Number(SPEC.timestamp))).not.toThrow();
  });

  it('accepts a valid signature', () => {
    // Act / Assess
    expect(verifies(signed())).not.toThrow();
  });

  it.each([
    ['first', (valid: string) => `${valid} v1,${Buffer.alloc(32).toString('base64')}`],
    ['last', (valid: string) => `v1,${Buffer.alloc(32).toString('base64')} ${valid}`],
    ['middle', (valid: string) => `v1,bm90LWl0 ${valid} v2,c29tZXRoaW5nLWVsc2U=`],
  ])('accepts a header of several space-separated signatures where the %s one is valid (rotation)', (_case, header) => {
    // Prepare
    const delivery = signed();

    // Act / Assess
    expect(verifies({ ...delivery, signature: header(delivery.signature!) })).not.toThrow();
  });

  it('accepts a signature under any of several secrets (the old one while the new one rolls out)', () => {
    // Prepare
    const underNext = signed({}, NEXT_GATEWAY_SECRET);

    // Act / Assess
    expect(verifies(underNext, [SECRET, NEXT_GATEWAY_SECRET])).not.toThrow();
    expect(verifies(signed(), [SECRET, NEXT_GATEWAY_SECRET])).not.toThrow();
  });

  it.each([+TOLERANCE_SECONDS, -TOLERANCE_SECONDS])('accepts a timestamp exactly %i s from now', (offset) => {
    // Prepare
    const delivery = signed({ timestamp: String(NOW + offset) });

    // Act / Assess
    expect(TOLERANCE_SECONDS).toBe(300);
    expect(verifies(delivery)).not.toThrow();
  });
});

describe('verifyDelivery: refused deliveries are Unauthenticated', () => {
  it.each<[string, Partial<Delivery>]>([
    ['the id is missing', { id: undefined }],
    ['the timestamp is missing', { timestamp: undefined }],
    ['the signature is missing', { signature: undefined }],
    ['the id is empty', { id: '' }],
    ['the signature is empty', { signature: '' }],
  ])('refuses a delivery when %s', (_case, change) => {
    // Prepare
    const delivery = { ...signed(), ...change };

    // Act / Assess
    expect(verifies(delivery)).toThrow(Unauthenticated);
  });

  it.each([TOLERANCE_SECONDS + 1, -(TOLERANCE_SECONDS + 1), 86_400, -NOW])('refuses a correctly signed timestamp %i s from now', (offset) => {
    // Prepare
    const delivery = signed({ timestamp: String(NOW + offset) });

    // Act / Assess
    expect(verifies(delivery)).toThrow(Unauthenticated);
  });

  it.each(['', 'abc', '1780000000.5', '1.78e9', ' 1780000000', '-1780000000', '0x6A18DC00'])('refuses the non-numeric timestamp %p even when signed', (timestamp) => {
    // Prepare
    const delivery = signed({ timestamp });

    // Act / Assess
    expect(verifies(delivery)).toThrow(Unauthenticated);
  });

  it('refuses a signature made with another secret', () => {
    // Prepare
    const delivery = signed({}, OTHER_SECRET);

    // Act / Assess
    expect(verifies(delivery, [SECRET, NEXT_GATEWAY_SECRET])).toThrow(Unauthenticated);
  });

  it('refuses everything when no secret is configured', () => {
    // Act / Assess
    expect(verifies(signed(), [])).toThrow(Unauthenticated);
  });

  it.each([
    ['another version prefix', (valid: string) => valid.replace(/^v1,/, 'v2,')],
    ['no version prefix', (valid: string) => valid.replace(/^v1,/, '')],
    ['a truncated signature', (valid: string) => valid.slice(0, -2)],
    ['the signature in lower case', (valid: string) => valid.toLowerCase()],
    ['several signatures, none valid', () => `v1,${Buffer.alloc(32).toString('base64')} v1,${Buffer.alloc(32, 1).toString('base64')}`],
  ])('refuses %s', (_case, header) => {
    // Prepare
    const delivery = signed();

    // Act / Assess
    expect(verifies({ ...delivery, signature: header(delivery.signature!) })).toThrow(Unauthenticated);
  });
});

describe('verifyDelivery: properties', () => {
  // Headers are ASCII; ids of printable ASCII without spaces, as gateways send them.
  const webhookId = fc.stringMatching(/^[!-~]{1,64}$/);
  const body = fc.uint8Array({ minLength: 1, maxLength: 512 }).map((bytes) => Buffer.from(bytes));
  const secret = fc.uint8Array({ minLength: 16, maxLength: 64 }).map((bytes) => 'whsec_' + Buffer.from(bytes).toString('base64'));
  const now = fc.integer({ min: 1_000_000_000, max: 4_000_000_000 });
  const skew = fc.integer({ min: -TOLERANCE_SECONDS, max: TOLERANCE_SECONDS });
  const delivery = fc.record({ secret, id: webhookId, body, now, skew }).map(({ secret, id, body, now, skew }) => {
    const timestamp = String(now + skew);
    return { secret, now, delivery: { id, timestamp, body, signature: sign(secret, id, timestamp, body) } };
  });

  it('a valid signature always verifies', () => {
    fc.assert(
      fc.property(delivery, ({ secret, now, delivery }) => {
        // Act / Assess
        expect(verifies(delivery, [secret], now)).not.toThrow();
        expect(delivery.signature).toBe(referenceSignature(secret, delivery.id, delivery.timestamp, delivery.body));
      }),
    );
  });

  it('any single-byte change to the body fails verification', () => {
    fc.assert(
      fc.property(delivery, fc.nat(), fc.integer({ min: 1, max: 255 }), ({ secret, now, delivery }, at, flip) => {
        // Prepare
        const tampered = Buffer.from(delivery.body);
        tampered[at % tampered.length] ^= flip;

        // Act / Assess
        expect(verifies({ ...delivery, body: tampered }, [secret], now)).toThrow(Unauthenticated);
      }),
    );
  });

  it('any change to the timestamp, even one within tolerance or only in its spelling, fails verification', () => {
    const otherTimestamp = fc.oneof(
      skew.map((other) => ({ other, zeros: 0 })),
      fc.integer({ min: 1, max: 3 }).map((zeros) => ({ other: undefined, zeros })),
    );
    fc.assert(
      fc.property(delivery, otherTimestamp, ({ secret, now, delivery }, { other, zeros }) => {
        // Prepare
        const timestamp = other === undefined ? '0'.repeat(zeros) + delivery.timestamp : String(now + other);
        fc.pre(timestamp !== delivery.timestamp);

        // Act / Assess
        expect(verifies({ ...delivery, timestamp }, [secret], now)).toThrow(Unauthenticated);
      }),
    );
  });

  it('any change to the id fails verification', () => {
    fc.assert(
      fc.property(delivery, webhookId, ({ secret, now, delivery }, id) => {
        // Prepare
        fc.pre(id !== delivery.id);

        // Act / Assess
        expect(verifies({ ...delivery, id }, [secret], now)).toThrow(Unauthenticated);
      }),
    );
  });

  it('a signature under one secret never verifies under another', () => {
    fc.assert(
      fc.property(delivery, secret, ({ secret: signedWith, now, delivery }, other) => {
        // Prepare: HMAC pads keys of up to 64 bytes with zeros, so keys differing only in
        // trailing zero bytes are the same key.
        const hmacKey = (whsec: string) => Buffer.from(whsec.slice('whsec_'.length), 'base64').toString('hex').replace(/(00)+$/, '');
        fc.pre(hmacKey(other) !== hmacKey(signedWith));

        // Act / Assess
        expect(verifies(delivery, [other], now)).toThrow(Unauthenticated);
      }),
    );
  });
});
