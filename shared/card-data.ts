import { E164_MAX_DIGITS } from './e164';
import { fieldPath, type FieldError } from './errors';
import { INVISIBLE } from './unicode';

// Card data never enters the system (API.md): any string or key holding a Luhn-valid 13-19 digit
// number, however presented, or any field named like a card secret is refused outright.

// A field named like a card secret, once case, separators and invisible characters are set aside.
const CARD_FIELD = /^(cvv2?|cvc2?|cardnumber|pan)$/;
// Between digit groups, a short run of spaces of any kind, line breaks, tabs, dashes, dots or
// slashes ("4111 - 1111", "4111\u00A0\u00A01111") still joins them into one number.
const SEPARATOR = String.raw`[\s\p{Pd}\u2212./]`;
const MAX_SEPARATOR_RUN = 4;
// A digit run, its groups joined; a run that starts with "+" may be an E.164 number.
const DIGIT_RUN = new RegExp(String.raw`(\+?)(\d+(?:${SEPARATOR}{1,${MAX_SEPARATOR_RUN}}\d+)*)`, 'gu');
const NOT_A_DIGIT = new RegExp(`${SEPARATOR}+`, 'gu');
// Decimal digits of other scripts (NFKC already folds fullwidth and mathematical ones).
const OTHER_SCRIPT_DIGIT = /(?![0-9])\p{Nd}/gu;
const DECIMAL_DIGIT = /\p{Nd}/u;
// The service's own ids (acc_…, fax_…, upl_…) are ULIDs, whose base32 may hold long digit runs.
const SERVICE_ID = /\b[a-z]{3}_[0-9A-Z]{26}\b/g;
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

/** The text as a card screen reads it: compatibility forms folded, invisible characters gone, digits ASCII. */
const screenable = (text: string): string => {
  const folded = ASCII.test(text) ? text : text.normalize('NFKC').replace(INVISIBLE, '').replace(OTHER_SCRIPT_DIGIT, asciiDigit);
  return folded.replace(SERVICE_ID, '#');
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

/** True when some 13-19 digit window of a digit run in `text`, however presented, is a Luhn-valid card number. */
export const containsCardNumber = (text: string): boolean => {
  const screened = screenable(text);
  if (countDigits(screened) < MIN_CARD_DIGITS) return false;
  DIGIT_RUN.lastIndex = 0;
  for (let match = DIGIT_RUN.exec(screened); match; match = DIGIT_RUN.exec(screened)) {
    const digits = match[2].replace(NOT_A_DIGIT, '');
    if (digits.length < MIN_CARD_DIGITS) continue;
    // "+" and at most 15 digits is a phone or fax number, which a card number never is.
    if (match[1] === '+' && digits.length <= E164_MAX_DIGITS) continue;
    if (hasCardWindow(digits)) return true;
  }
  return false;
};

const isCardField = (key: string): boolean => CARD_FIELD.test(screenable(key).toLowerCase().replace(/[\s\p{P}]/gu, ''));

interface PathNode {
  segment: string | number;
  parent?: PathNode;
}

const pathOf = (node: PathNode | undefined): string => {
  const segments: (string | number)[] = [];
  for (let at = node; at; at = at.parent) segments.push(at.segment);
  return fieldPath(segments.reverse());
};

/**
 * Where card data sits in a parsed JSON value: in a string, in a key, or as a field named like a
 * card secret. Paths only, never the values, and a key the client chose only when it is plainly a
 * field name. Iterative, so no nesting overflows the stack.
 */
export const findCardData = (value: unknown): FieldError[] => {
  const found: FieldError[] = [];
  const pending: { value: unknown; at?: PathNode }[] = [{ value }];
  while (pending.length > 0 && found.length < MAX_FINDINGS) {
    const { value: here, at } = pending.pop()!;
    if (typeof here === 'string') {
      if (containsCardNumber(here)) found.push({ path: pathOf(at), message: CARD_NUMBER_MESSAGE });
    } else if (Array.isArray(here)) {
      for (let index = here.length - 1; index >= 0; index -= 1) pending.push({ value: here[index], at: { segment: index, parent: at } });
    } else if (here !== null && typeof here === 'object') {
      const children: typeof pending = [];
      for (const [key, item] of Object.entries(here)) {
        const node = { segment: key, parent: at };
        if (isCardField(key)) found.push({ path: pathOf(node), message: CARD_FIELD_MESSAGE });
        else if (containsCardNumber(key)) found.push({ path: pathOf(node), message: CARD_NUMBER_MESSAGE });
        else children.push({ value: item, at: node });
      }
      // Last pushed, first walked: the document's order.
      for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index]);
    }
  }
  return found.slice(0, MAX_FINDINGS);
};
