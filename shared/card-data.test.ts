import fc from 'fast-check';
import { containsCardNumber, findCardData, passesLuhn } from './card-data';

// Published test card numbers of the card networks: real-world anchors for the Luhn check.
const NETWORK_TEST_CARDS = {
  visa: '4111111111111111',
  visa13: '4222222222222',
  mastercard: '5555555555554444',
  amex: '378282246310005',
  discover: '6011111111111117',
  diners: '30569309025904',
  visa19: '4111111111111111110',
};

/** The Luhn check digit of a payload, computed independently of the code under test. */
const luhnCheckDigit = (payload: number[]): number => {
  const sum = [...payload].reverse().reduce((total, digit, index) => {
    const weighted = index % 2 === 0 ? digit * 2 : digit;
    return total + (weighted > 9 ? weighted - 9 : weighted);
  }, 0);
  return (10 - (sum % 10)) % 10;
};

/** Any Luhn-valid number of 13..19 digits. */
const luhnValidNumber = fc
  .integer({ min: 13, max: 19 })
  .chain((length) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 1, maxLength: length - 1 }))
  .map((payload) => [...payload, luhnCheckDigit(payload)].join(''));

/** The number as a person might type it: a single space, a dash or nothing between any two digits. */
const typedAsPeopleDo = (digits: string) =>
  fc
    .array(fc.constantFrom('', ' ', '-'), { minLength: digits.length - 1, maxLength: digits.length - 1 })
    .map((separators) => [...digits].map((digit, index) => digit + (separators[index] ?? '')).join(''));

// Any text, without "+", which would turn the digits that follow it into an E.164 candidate.
const surroundingText = fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => text.replaceAll('+', ''));

describe('passesLuhn', () => {
  it.each([...Object.entries(NETWORK_TEST_CARDS), ['12-digit', '411111111117']])('accepts the %s test number %s', (_network, number) => {
    // Act
    const valid = passesLuhn(number);

    // Assess
    expect(valid).toBe(true);
  });

  it.each(['4111111111111112', '5555555555554440', '378282246310006', '1234567890123', '411111111116'])('refuses %s', (number) => {
    // Act
    const valid = passesLuhn(number);

    // Assess
    expect(valid).toBe(false);
  });

  it('accepts every number ending in its check digit and catches every single-digit error', () => {
    fc.assert(
      fc.property(
        luhnValidNumber.chain((number) => fc.tuple(fc.constant(number), fc.nat(number.length - 1), fc.integer({ min: 1, max: 9 }))),
        ([number, position, shift]) => {
          // Prepare
          const mistyped = number.slice(0, position) + ((Number(number[position]) + shift) % 10) + number.slice(position + 1);

          // Act & Assess
          expect(passesLuhn(number)).toBe(true);
          expect(passesLuhn(mistyped)).toBe(false);
        },
      ),
    );
  });
});

describe('containsCardNumber', () => {
  it.each([
    ['a bare number', '4111111111111111'],
    ['spaces inside text', 'my card is 4111 1111 1111 1111, thanks'],
    ['dashes inside text', 'card:5555-5555-5555-4444.'],
    ['a 15-digit amex grouped 4-6-5', 'Amex 3782 822463 10005 exp 12/30'],
    ['digits glued to letters', 'pm_4242424242424242'],
    ['a card right after a phone number', 'call +15551230000 4111111111111111'],
    ['more than 15 digits after a plus', 'ref +4111111111111111'],
  ])('detects %s', (_case, text) => {
    // Act
    const found = containsCardNumber(text);

    // Assess
    expect(found).toBe(true);
  });

  it.each([
    ['a Luhn-invalid 16-digit run', 'card 4111 1111 1111 1113'],
    ['a Luhn-invalid 13-digit run', 'order 1234567890123'],
    ['a 12-digit Luhn-valid run (too short)', 'ref 411111111117'],
    ['an E.164 fax number whose digits alone would pass', 'fax +861012345678901'],
    ['a 15-digit E.164 number that passes Luhn', 'phone +378282246310005'],
    ['a Luhn-valid E.164 number written with spaces', 'call +378 282 246 310 005'],
    ['digits split by double spaces', '4111  1111  1111  1111'],
    ['no digits at all', 'Acme Dental, Ana Ruiz'],
  ])('ignores %s', (_case, text) => {
    // Act
    const found = containsCardNumber(text);

    // Assess
    expect(found).toBe(false);
  });

  it('detects any Luhn-valid 13-19 digit number, however separated, wherever it sits in a text', () => {
    fc.assert(
      fc.property(
        luhnValidNumber.chain(typedAsPeopleDo),
        surroundingText,
        surroundingText,
        (card, before, after) => {
          // Prepare
          const text = `${before}${card}${after}`;

          // Act & Assess
          expect(containsCardNumber(text)).toBe(true);
        },
      ),
    );
  });

  it('never mistakes an E.164 number for a card, whatever its digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+[1-9]\d{6,14}$/), (e164) => {
        // Act & Assess
        expect(containsCardNumber(`fax ${e164} from reception`)).toBe(false);
      }),
    );
  });

  it('never flags a digit run shorter than 13 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,12}$/), (digits) => {
        // Act & Assess
        expect(containsCardNumber(`code ${digits} end`)).toBe(false);
      }),
    );
  });
});

describe('findCardData', () => {
  const CARD = '4111 1111 1111 1111';

  it('reports the path of every string holding a card number in nested objects and arrays', () => {
    // Prepare
    const body = {
      company: 'Acme',
      notes: ['fine', `pay with ${CARD}`],
      billing: { processorToken: 'pm_abc', history: [{ memo: 'old card 5555-5555-5555-4444' }] },
    };

    // Act
    const found = findCardData(body);

    // Assess
    expect(found.map((error) => error.path)).toEqual(['notes.1', 'billing.history.0.memo']);
    expect(found.every((error) => error.message.length > 0)).toBe(true);
  });

  it('reports a top-level string as the body itself', () => {
    // Act
    const found = findCardData(CARD);

    // Assess
    expect(found).toEqual([{ path: '(body)', message: expect.any(String) }]);
  });

  it.each([
    ['cvv', { billing: { cvv: '123' } }, 'billing.cvv'],
    ['cvc', { cvc: 987 }, 'cvc'],
    ['cardNumber', { orders: [{ payment: { cardNumber: 'redacted-by-client' } }] }, 'orders.0.payment.cardNumber'],
    ['CVV in capitals', { deep: { deeper: { CVV: null } } }, 'deep.deeper.CVV'],
  ])('reports a field named %s at any depth, whatever its value', (_case, body, path) => {
    // Act
    const found = findCardData(body);

    // Assess
    expect(found.map((error) => error.path)).toEqual([path]);
  });

  it('never echoes the card data it found', () => {
    // Prepare
    const body = { a: { b: [`x ${CARD}`] }, cvv: '731' };

    // Act
    const serialized = JSON.stringify(findCardData(body));

    // Assess
    expect(serialized).not.toContain(CARD);
    expect(serialized).not.toContain(CARD.replaceAll(' ', ''));
    expect(serialized).not.toContain('731');
  });

  it('finds nothing in a body without card data', () => {
    // Prepare
    const body = { phone: '+15551230000', billing: { processorToken: 'pm_abc', last4: '4242', expYear: 2030 }, tags: ['a', 1, null, true] };

    // Act
    const found = findCardData(body);

    // Assess
    expect(found).toEqual([]);
  });

  it('finds any embedded card number in a string nested at a random path', () => {
    fc.assert(
      fc.property(
        luhnValidNumber.chain(typedAsPeopleDo),
        fc.array(fc.stringMatching(/^[a-z]{1,8}$/).map((name) => `field_${name}`), { minLength: 1, maxLength: 5 }),
        (card, keys) => {
          // Prepare
          const body = keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), `card ${card}`);

          // Act
          const found = findCardData(body);

          // Assess
          expect(found.map((error) => error.path)).toEqual([keys.join('.')]);
        },
      ),
    );
  });
});
