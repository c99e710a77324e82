import * as z from 'zod/mini';
import { foreignId, freeText, singleLineText } from './text-fields';

const NAME = singleLineText(200);

const problemsOf = (schema: z.ZodMiniType, value: unknown) => {
  const result = z.safeParse(schema, value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('singleLineText', () => {
  it.each([
    ['a plain name', 'Acme Dental'],
    ['letters with accents', 'Zoë Ångström-Núñez'],
    ['an emoji (a surrogate pair)', 'Smile 🦷 Dental'],
    ['a zero-width joiner inside a word', 'Ana\u200DRuiz'],
    ['non-Latin script', '東京歯科'],
    ['a zero-width non-joiner in Persian', 'می\u200Cخواهم'],
    ['right-to-left marks around a Hebrew name', 'Acme \u200Fשרה\u200F Dental'],
    ['an emoji family joined by ZWJ', 'Team 👩\u200D👩\u200D👧'],
    ['combining marks on letters', 'Zoe\u0308 Ruiz'],
    ['a subdivision flag (tag characters)', 'Glasgow 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Dental'],
  ])('accepts %s', (_case, value) => {
    // Act & Assess
    expect(problemsOf(NAME, value)).toEqual([]);
  });

  it('trims surrounding whitespace', () => {
    // Act & Assess
    expect(z.parse(NAME, '  Acme Dental \u00A0')).toBe('Acme Dental');
  });

  it.each([
    ['NUL', 'Acme\u0000Dental'],
    ['a bell', 'Acme\u0007'],
    ['DEL', 'Acme\u007F'],
    ['a C1 control (NEL)', 'Acme\u0085Dental'],
    ['a line break', 'Acme\nDental'],
    ['a tab', 'Acme\tDental'],
    ['an escape sequence', 'Acme \u001B[31mred'],
  ])('refuses %s', (_case, value) => {
    // Act & Assess
    expect(problemsOf(NAME, value)).toEqual(['Must not contain control characters.']);
  });

  it.each([
    ['a line separator', 'Acme\u2028Dental'],
    ['a paragraph separator', 'Acme\u2029Dental'],
  ])('refuses %s', (_case, value) => {
    // Act & Assess
    expect(problemsOf(NAME, value)).toEqual(['Must be a single line.']);
  });

  it.each([
    ['a right-to-left override', 'Ana \u202EziuR'],
    ['a left-to-right embedding', '\u202AAcme\u202C'],
    ['a first-strong isolate', 'Acme \u2068Dental\u2069'],
    ['a right-to-left isolate', '\u2067Acme'],
  ])('refuses %s', (_case, value) => {
    // Act & Assess
    expect(problemsOf(NAME, value)).toEqual(['Must not contain bidirectional control characters.']);
  });

  it.each([
    ['a lone high surrogate', 'Acme \uD83E'],
    ['a lone low surrogate', '\uDDB7 Acme'],
    ['two high surrogates', '\uD83E\uD83E'],
  ])('refuses %s', (_case, value) => {
    // Act & Assess
    expect(problemsOf(NAME, value)).toEqual(['Must be valid Unicode text.']);
  });

  it.each([
    ['only zero-width spaces', '\u200B\u200B\u200B'],
    ['a byte order mark and a soft hyphen', '\u00AD\u2060'],
    ['spaces around invisible characters', ' \u200C \u200D '],
    ['a Hangul filler', '\u3164'],
    ['Hangul choseong and jungseong fillers', '\u115F\u1160\uFFA0'],
    ['a combining mark alone', '\u0301'],
    ['combining marks around spaces', ' \u0301\u0308 \u20DD'],
    ['the braille blank', '\u2800\u2800'],
  ])('refuses a value of %s as blank', (_case, value) => {
    // Act & Assess
    expect(problemsOf(NAME, value)).toContain('Must not be blank.');
  });

  it('refuses the empty string and more than its maximum', () => {
    // Act & Assess
    expect(problemsOf(singleLineText(5), '   ')).not.toEqual([]);
    expect(problemsOf(singleLineText(5), 'abcdef')).not.toEqual([]);
  });

  it('never echoes the value in its messages', () => {
    // Prepare
    const value = 'secret\u0000ana@acme.test\uD800';

    // Act
    const messages = problemsOf(NAME, value).join(' ');

    // Assess
    expect(messages).not.toContain('secret');
    expect(messages).not.toContain('ana@acme.test');
  });
});

describe('freeText', () => {
  const DETAILS = freeText(50);

  it('keeps line breaks and tabs inside the text, trimming around it', () => {
    // Act & Assess
    expect(z.parse(DETAILS, '  First line\r\nSecond\tline\u2028third\n')).toBe('First line\r\nSecond\tline\u2028third');
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['an escape sequence', 'a \u001B[31mred'],
    ['a vertical tab', 'a\u000Bb'],
    ['a C1 control', 'a\u0085b'],
  ])('refuses %s', (_case, value) => {
    // Act & Assess
    expect(problemsOf(DETAILS, value)).toEqual(['Must not contain control characters.']);
  });

  it('refuses what a name refuses besides lines: bidi controls, lone surrogates, blank, too long', () => {
    // Act & Assess
    expect(problemsOf(DETAILS, 'Ana \u202EziuR')).toEqual(['Must not contain bidirectional control characters.']);
    expect(problemsOf(DETAILS, 'x \uD83E')).toEqual(['Must be valid Unicode text.']);
    expect(problemsOf(DETAILS, ' \n\t\u200B ')).toContain('Must not be blank.');
    expect(problemsOf(DETAILS, 'x'.repeat(51))).not.toEqual([]);
  });
});

describe('foreignId', () => {
  it.each(['gw-evt-123', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'a', 'x'.repeat(128), '!#$%&()*+,./:;<=>?@[]^_`{|}~'])('accepts %p', (value) => {
    // Act & Assess
    expect(problemsOf(foreignId, value)).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['129 characters', 'x'.repeat(129)],
    ['3,000 characters', 'x'.repeat(3_000)],
    ['a space', 'evt 1'],
    ['a control character', 'evt\u00001'],
    ['non-ASCII', 'évt-1'],
  ])('refuses an id that is %s', (_case, value) => {
    // Act & Assess
    expect(problemsOf(foreignId, value)).toEqual(['Must be 1 to 128 visible ASCII characters.']);
  });
});
