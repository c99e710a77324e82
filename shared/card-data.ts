import { E164_MAX_DIGITS } from './e164';
import { fieldPath, type FieldError } from './errors';
import { INVISIBLE } from './unicode';

// Card data never enters the system (API.md): any string or key holding a Luhn-valid 13-19 digit
// number, however presented, or any field named like a card secret is refused outright.

// A field named like a card secret, once case, separators and invisible characters are set aside.
const CARD_FIELD = /^(cvv2?|cvc2?|cardnumber|pan)$/;
// A card field named plainly (`cvv`, `CVV`, `card_number`) is our own vocabulary: a problem may name it.
const PLAIN_KEY = /^[A-Za-z_]+$/;
// Between digit groups, any run of whitespace (spaces of any kind, tabs, line breaks) and up to 4
// punctuation separators (dashes and minus, `.`, `/`, `_`, middle dot, apostrophes) still joins them
// into one number: "4111 - - 1111", "4111_1111", "4'111'111".
const PUNCTUATION_SEPARATOR = String.raw`[\p{Pd}\u2212./_\u00B7'\u2019]`;
const MAX_PUNCTUATION_SEPARATORS = 4;
const SEPARATOR_RUN = String.raw`(?:\s*(?:${PUNCTUATION_SEPARATOR}\s*){1,${MAX_PUNCTUATION_SEPARATORS}}|\s+)`;
// A digit run, its groups joined; a run that starts with "+" may be an E.164 number.
const DIGIT_RUN = new RegExp(String.raw`(\+?)(\d+(?:${SEPARATOR_RUN}\d+)*)`, 'gu');
const NOT_A_DIGIT = /\D+/g;
// Decimal digits of other scripts (NFKC already folds fullwidth and mathematical ones).
const OTHER_SCRIPT_DIGIT = /(?![0-9])\p{Nd}/gu;
const DECIMAL_DIGIT = /\p{Nd}/u;
// Combining marks render on the digit before them ("4\u0301"): the screen reads the digit alone.
const COMBINING_MARK = /\p{M}/gu;
const MIN_CARD_DIGITS = 13;
const MAX_CARD_DIGITS = 19;
/** Findings listed in one problem; the rest add nothing the client needs to fix the first ones. */
const MAX_FINDINGS = 10;

const CARD_NUMBER_MESSAGE = 'Card numbers are not accepted: send the payment processor token instead.';
const CARD_FIELD_MESSAGE = 'Card details are not accepted: send the payment processor token instead.';

// Unicode puts every script's decimal digits in runs of ten from 0 to 9, so a digit's value is its
// distance from the start of its run.
const asciiDigit = (digit: string): string => {
  const codePoint = digit.codePointAt(0)!;
  let zero = codePoint;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String((codePoint - zero) % 10);
};

const ASCII = /^[\x00-\x7F]*$/;

/** A character as the screen reads it: its compatibility form, without invisible characters or marks, digits ASCII. */
const folded = (character: string): string =>
  character.normalize('NFKC').replace(INVISIBLE, '').replace(COMBINING_MARK, '').replace(OTHER_SCRIPT_DIGIT, asciiDigit);

/**
 * The text as a card screen reads it, with where each of its characters came from in the
 * original: `starts[i]` and `ends[i]` bound the original characters that gave character `i`
 * (absent for ASCII text, read as it is).
 */
interface Screened {
  text: string;
  starts?: number[];
  ends?: number[];
}

// Folded one character at a time, so that every screened character keeps its origin.
const screenable = (text: string): Screened => {
  if (ASCII.test(text)) return { text };
  let screened = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  // A text repeats its characters: each is folded once.
  const readings = new Map<string, string>();
  for (const character of text) {
    let reading = readings.get(character);
    if (reading === undefined) {
      reading = folded(character);
      readings.set(character, reading);
    }
    screened += reading;
    for (let i = 0; i < reading.length; i += 1) {
      starts.push(at);
      ends.push(at + character.length);
    }
    at += character.length;
  }
  return { text: screened, starts, ends };
};

const LUHN_DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/**
 * Prefix sums of a digit string's Luhn weights, one array per parity of the last digit, so any
 * window's Luhn sum costs two lookups and scanning a run costs linear time.
 */
const luhnPrefixSums = (digits: string): [Int32Array, Int32Array] => {
  const endsEven = new Int32Array(digits.length + 1);
  const endsOdd = new Int32Array(digits.length + 1);
  for (let i = 0; i < digits.length; i += 1) {
    const digit = digits.charCodeAt(i) - 48;
    // A window ending at an even index doubles its odd indexes, and the other way round.
    endsEven[i + 1] = endsEven[i] + (i % 2 === 0 ? digit : LUHN_DOUBLED[digit]);
    endsOdd[i + 1] = endsOdd[i] + (i % 2 === 0 ? LUHN_DOUBLED[digit] : digit);
  }
  return [endsEven, endsOdd];
};

const windowPassesLuhn = (sums: [Int32Array, Int32Array], start: number, end: number): boolean => {
  const prefix = sums[end % 2];
  return (prefix[end + 1] - prefix[start]) % 10 === 0;
};

export const passesLuhn = (digits: string): boolean => windowPassesLuhn(luhnPrefixSums(digits), 0, digits.length - 1);

const hasCardWindow = (digits: string): boolean => {
  const sums = luhnPrefixSums(digits);
  for (let end = MIN_CARD_DIGITS - 1; end < digits.length; end += 1) {
    for (let length = MIN_CARD_DIGITS; length <= Math.min(MAX_CARD_DIGITS, end + 1); length += 1) {
      if (windowPassesLuhn(sums, end - length + 1, end)) return true;
    }
  }
  return false;
};

const countDigits = (text: string): number => {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) count += 1;
  }
  return count;
};

/** Where a card number sits in a text: the original text from `start` (inclusive) to `end` (exclusive). */
export interface Span {
  start: number;
  end: number;
}

/**
 * The digit runs of `text` (groups and what joins them, any presentation) in which some 13-19
 * digit window is a Luhn-valid card number, as spans of the original text.
 */
export const cardNumberSpans = (text: string): Span[] => {
  const screened = screenable(text);
  if (countDigits(screened.text) < MIN_CARD_DIGITS) return [];
  const spans: Span[] = [];
  DIGIT_RUN.lastIndex = 0;
  for (let match = DIGIT_RUN.exec(screened.text); match; match = DIGIT_RUN.exec(screened.text)) {
    const digits = match[2].replace(NOT_A_DIGIT, '');
    if (digits.length < MIN_CARD_DIGITS) continue;
    // "+" and at most 15 digits, unseparated, is a phone or fax number, which a card number never is.
    if (match[1] === '+' && digits.length === match[2].length && digits.length <= E164_MAX_DIGITS) continue;
    if (!hasCardWindow(digits)) continue;
    const last = match.index + match[0].length - 1;
    spans.push({ start: screened.starts?.[match.index] ?? match.index, end: screened.ends?.[last] ?? last + 1 });
  }
  return spans;
};

/** True when some 13-19 digit window of a digit run in `text`, however presented, is a Luhn-valid card number. */
export const containsCardNumber = (text: string): boolean => cardNumberSpans(text).length > 0;

const isCardField = (key: string): boolean => CARD_FIELD.test(screenable(key).text.toLowerCase().replace(/[\s\p{P}]/gu, ''));

interface PathNode {
  segment: string | number;
  parent?: PathNode;
}

const pathOf = (node: PathNode | undefined, isShown: (key: string) => boolean): string => {
  const segments: (string | number)[] = [];
  for (let at = node; at; at = at.parent) segments.push(at.segment);
  return fieldPath(segments.reverse(), isShown);
};

/**
 * Where card data sits in a parsed JSON value: in a string, in a key, or as a field named like a
 * card secret. Paths only, never the values; a path names only keys in `declaredKeys` (the route's
 * schema's own) and plainly named card fields, any other key the client chose shows as "*".
 * Iterative, so no nesting overflows the stack.
 */
export const findCardData = (value: unknown, declaredKeys: ReadonlySet<string>): FieldError[] => {
  const isShown = (key: string) => declaredKeys.has(key) || (PLAIN_KEY.test(key) && isCardField(key));
  const found: FieldError[] = [];
  const pending: { value: unknown; at?: PathNode }[] = [{ value }];
  while (pending.length > 0 && found.length < MAX_FINDINGS) {
    const { value: here, at } = pending.pop()!;
    if (typeof here === 'string') {
      if (containsCardNumber(here)) found.push({ path: pathOf(at, isShown), message: CARD_NUMBER_MESSAGE });
    } else if (Array.isArray(here)) {
      for (let index = here.length - 1; index >= 0; index -= 1) pending.push({ value: here[index], at: { segment: index, parent: at } });
    } else if (here !== null && typeof here === 'object') {
      const children: typeof pending = [];
      for (const [key, item] of Object.entries(here)) {
        const node = { segment: key, parent: at };
        if (isCardField(key)) found.push({ path: pathOf(node, isShown), message: CARD_FIELD_MESSAGE });
        else if (containsCardNumber(key)) found.push({ path: pathOf(node, isShown), message: CARD_NUMBER_MESSAGE });
        else children.push({ value: item, at: node });
      }
      // Last pushed, first walked: the document's order.
      for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index]);
    }
  }
  return found.slice(0, MAX_FINDINGS);
};
