import fc from 'fast-check';
import { cardNumberSpans, containsCardNumber, findCardData, passesLuhn } from './card-data';
import { E164 } from './e164';

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

// Runs of separators a number's groups may be written with, alone or combined.
const SEPARATOR_RUNS = [' ', '-', '  ', '\u00A0', '\u00A0\u00A0', '\t', '\n', '\r\n', '.', '/', ' - ', ' / ', '\u2013', ' \u2014 ', '\u2212', '\u3000', '\u202F', '- -', ' - - ', '_', '\u00B7', "'", '\u2019', ' _ '];
// Whitespace of any length: spaces, tabs, line breaks, no-break and ideographic spaces.
const WHITESPACE_RUN = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00A0', '\u2003', '\u3000'), minLength: 1, maxLength: 40 });
// Characters that render as nothing.
const INVISIBLES = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u200E'];
// Combining marks (\p{Mn}), which render on the digit before them.
const COMBINING_MARKS = ['\u0301', '\u0308', '\u0336', '\u20E3', '\u0338', '\u0651', '\u093C'];
// The same digit in other forms: fullwidth, Arabic-Indic, Devanagari, mathematical bold.
const DIGIT_FORMS = [(d: number) => String(d), (d: number) => String.fromCodePoint(0xff10 + d), (d: number) => String.fromCodePoint(0x0660 + d), (d: number) => String.fromCodePoint(0x0966 + d), (d: number) => String.fromCodePoint(0x1d7ce + d)];

/**
 * The number in any presentation: each digit in any form, with combining marks or not, and any
 * separator run, whitespace run or invisible character (or none) between any two.
 */
const presentedAnyhow = (digits: string) =>
  fc
    .tuple(
      fc.array(fc.nat(DIGIT_FORMS.length - 1), { minLength: digits.length, maxLength: digits.length }),
      fc.array(fc.oneof(fc.constant(''), fc.constantFrom(...SEPARATOR_RUNS), WHITESPACE_RUN, fc.constantFrom(...INVISIBLES)), { minLength: digits.length, maxLength: digits.length }),
      fc.array(fc.constantFrom('', ...INVISIBLES), { minLength: digits.length, maxLength: digits.length }),
      fc.array(fc.constantFrom('', '', ...COMBINING_MARKS), { minLength: digits.length, maxLength: digits.length }),
    )
    .map(([forms, gaps, invisibles, marks]) =>
      [...digits]
        .map((digit, index) => invisibles[index] + DIGIT_FORMS[forms[index]](Number(digit)) + marks[index] + (index < digits.length - 1 ? gaps[index] : ''))
        .join(''),
    );

// Any text, without anything that folds to "+", which would turn the digits that follow it into an E.164 candidate.
const surroundingText = fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => text.normalize('NFKC').replaceAll('+', ''));

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
    ['digits split by double spaces', '4111  1111  1111  1111'],
    ['no-break spaces', '4111\u00A01111\u00A01111\u00A01111'],
    ['tabs', '4111\t1111\t1111\t1111'],
    ['line breaks', '4111\n1111\r\n1111\n1111'],
    ['dots', '4111.1111.1111.1111'],
    ['slashes', '4111/1111/1111/1111'],
    ['spaced dashes', '4111 - 1111 - 1111 - 1111'],
    ['en and em dashes', '4111\u20131111\u20141111\u20131111'],
    ['zero-width spaces', '4111\u200B1111\u200B1111\u200B1111'],
    ['soft hyphens and a byte order mark', '\uFEFF4111\u00AD1111\u00AD1111\u00AD1111'],
    ['fullwidth digits', '\uFF14\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11'],
    ['Arabic-Indic digits', '\u0664\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661'],
    ['a fullwidth plus that hides more than 15 digits', '\uFF0B4111111111111111'],
    ['combining marks on the digits', '4\u0301111111111111111'],
    ['groups separated by five spaces', '4111     1111     1111     1111'],
    ['groups separated by five tabs', '4111\t\t\t\t\t1111\t\t\t\t\t1111\t\t\t\t\t1111'],
    ['groups separated by long runs of spaced dashes', '4111 - - 1111 - - 1111 - - 1111'],
    ['underscores', '4111_1111_1111_1111'],
    ['middle dots', '4111\u00B71111\u00B71111\u00B71111'],
    ['apostrophes', "4111'1111'1111'1111"],
    ['right single quotation marks', '4111\u20191111\u20191111\u20191111'],
    ['a Luhn-valid number after a plus, grouped as no E.164 number is', 'call +3782 822463 10005'],
    ['a Luhn-valid number after a plus, grouped with no-break spaces', 'call +378\u00A0282\u00A0246\u00A0310\u00A0005'],
    ['card digits in the shape of an id (three letters, "_", 26 base32 characters)', 'abc_41111111111111110000000000'],
    ['card digits in the shape of a fax id', 'fax_41111111111111110000000000'],
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
    ['an ISO 8601 timestamp', 'received 2026-11-28T10:00:00.000Z'],
    ['an ISO 8601 timestamp with an offset and nanoseconds', '2026-11-28T10:00:00.123456789+05:30'],
    ['groups separated by a comma', '4111, 1111, 1111, 1111'],
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

  it('detects any Luhn-valid 13-19 digit number in any presentation: separators, invisible characters, other digit forms', () => {
    fc.assert(
      fc.property(luhnValidNumber.chain(presentedAnyhow), surroundingText, surroundingText, (card, before, after) => {
        // Prepare
        const text = `${before}${card}${after}`;

        // Act & Assess
        expect(containsCardNumber(text)).toBe(true);
      }),
    );
  });

  it('never mistakes an E.164 number for a card, whatever its digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(E164), (number) => {
        // Act & Assess
        expect(containsCardNumber(`fax ${number} from reception`)).toBe(false);
      }),
    );
  });

  it('never mistakes an ISO 8601 timestamp for a card', () => {
    const timestamp = fc
      .tuple(fc.date({ min: new Date('1900-01-01Z'), max: new Date('2199-12-31Z'), noInvalidDate: true }), fc.constantFrom('Z', '+00:00', '-05:00', '+13:45'))
      .map(([date, zone]) => date.toISOString().replace('Z', zone));
    fc.assert(
      fc.property(timestamp, (iso) => {
        // Act & Assess
        expect(containsCardNumber(`received ${iso}`)).toBe(false);
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

describe('cardNumberSpans', () => {
  it('bounds each card number in the original text, leaving the text around it', () => {
    // Prepare
    const text = 'paid 4111 1111 1111 1111 then \uFF15\uFF15\uFF15\uFF15-5555-5555-4444, ref 2026-11-28';

    // Act
    const spans = cardNumberSpans(text);

    // Assess
    expect(spans.map(({ start, end }) => text.slice(start, end))).toEqual(['4111 1111 1111 1111', '\uFF15\uFF15\uFF15\uFF15-5555-5555-4444']);
  });

  it('bounds any Luhn-valid number in any presentation, so that no digit of it is left outside', () => {
    fc.assert(
      fc.property(luhnValidNumber.chain(presentedAnyhow), (card) => {
        // Prepare
        const text = `paid with ${card} today`;

        // Act
        const spans = cardNumberSpans(text);

        // Assess
        expect(spans).toHaveLength(1);
        const outside = text.slice(0, spans[0].start) + text.slice(spans[0].end);
        expect(outside).not.toMatch(/\p{Nd}/u);
        expect(outside.startsWith('paid with ')).toBe(true);
        expect(outside.endsWith(' today')).toBe(true);
      }),
    );
  });
});

describe('findCardData', () => {
  const CARD = '4111 1111 1111 1111';
  /** Keys a route's schema might declare. */
  const DECLARED = new Set(['company', 'notes', 'billing', 'processorToken', 'history', 'memo', 'orders', 'payment', 'list', 'a', 'b']);

  it('reports the path of every string holding a card number in nested objects and arrays', () => {
    // Prepare
    const body = {
      company: 'Acme',
      notes: ['fine', `pay with ${CARD}`],
      billing: { processorToken: 'pm_abc', history: [{ memo: 'old card 5555-5555-5555-4444' }] },
    };

    // Act
    const found = findCardData(body, DECLARED);

    // Assess
    expect(found.map((error) => error.path)).toEqual(['notes.1', 'billing.history.0.memo']);
    expect(found.every((error) => error.message.length > 0)).toBe(true);
  });

  it('reports a top-level string as the body itself', () => {
    // Act
    const found = findCardData(CARD, DECLARED);

    // Assess
    expect(found).toEqual([{ path: '(body)', message: expect.any(String) }]);
  });

  it.each([
    ['cvv', { billing: { cvv: '123' } }, 'billing.cvv'],
    ['cvc', { cvc: 987 }, 'cvc'],
    ['cardNumber', { orders: [{ payment: { cardNumber: 'redacted-by-client' } }] }, 'orders.0.payment.cardNumber'],
    ['CVV in capitals', { deep: { deeper: { CVV: null } } }, '*.*.CVV'],
  ])('reports a field named %s at any depth, whatever its value, naming it even where the schema does not declare it', (_case, body, path) => {
    // Act
    const found = findCardData(body, DECLARED);

    // Assess
    expect(found.map((error) => error.path)).toEqual([path]);
  });

  it.each([
    ['snake case', { card_number: 'x' }, 'card_number'],
    ['kebab case', { 'card-number': 'x' }, '*'],
    ['fullwidth letters', { 'ｃｖｖ': '123' }, '*'],
    ['a zero-width space inside', { 'c\u200Bvv': '123' }, '*'],
  ])('reports a card field named in %s, naming it only when it is a plain field name', (_case, body, path) => {
    // Act
    const found = findCardData(body, DECLARED);

    // Assess
    expect(found.map((error) => error.path)).toEqual([path]);
  });

  it.each([
    ['a name', { AnaRuiz: { note: CARD } }, '*.*'],
    ['an email written as a key', { jane_doe_example_com: { cvv: 1 } }, '*.cvv'],
    ['a declared parent of an undeclared key', { billing: { janeDoe: CARD } }, 'billing.*'],
  ])('never names a key the schema does not declare: %s', (_case, body, path) => {
    // Act
    const found = findCardData(body, DECLARED);

    // Assess
    expect(found.map((error) => error.path)).toEqual([path]);
  });

  it('names the keys the schema declares', () => {
    // Prepare
    const body = { billing: { processorToken: 'pm_4111111111111111' } };

    // Act
    const found = findCardData(body, DECLARED);

    // Assess
    expect(found.map((error) => error.path)).toEqual(['billing.processorToken']);
  });

  it('reports card numbers in keys, at any depth, without naming the key', () => {
    // Prepare
    const body = { [CARD]: 'x', billing: { '5555555555554444': true }, list: [{ 'note \uFF14111111111111111': 1 }] };

    // Act
    const found = findCardData(body, DECLARED);

    // Assess
    expect(found.map((error) => error.path)).toEqual(['*', 'billing.*', 'list.0.*']);
  });

  it('walks 100,000 levels of nesting without overflowing the stack', () => {
    // Prepare
    const body = JSON.parse(`${'['.repeat(100_000)}"${CARD}"${']'.repeat(100_000)}`) as unknown;

    // Act
    const found = findCardData(body, DECLARED);

    // Assess
    expect(found).toHaveLength(1);
  });

  it('lists at most 10 findings', () => {
    // Prepare
    const body = Array.from({ length: 1_000 }, () => CARD);

    // Act
    const found = findCardData(body, DECLARED);

    // Assess
    expect(found.map((error) => error.path)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('never echoes the card data it found', () => {
    // Prepare
    const body = { a: { b: [`x ${CARD}`] }, cvv: '731' };

    // Act
    const serialized = JSON.stringify(findCardData(body, DECLARED));

    // Assess
    expect(serialized).not.toContain(CARD);
    expect(serialized).not.toContain(CARD.replaceAll(' ', ''));
    expect(serialized).not.toContain('731');
  });

  it('finds nothing in a body without card data', () => {
    // Prepare
    const body = { phone: '+15551230000', billing: { processorToken: 'pm_abc', last4: '4242', expYear: 2030 }, tags: ['a', 1, null, true] };

    // Act
    const found = findCardData(body, DECLARED);

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
          const found = findCardData(body, new Set(keys));

          // Assess
          expect(found.map((error) => error.path)).toEqual([keys.join('.')]);
        },
      ),
    );
  });
});
