import type { FieldError } from './errors';

// Card data never enters the system: any string holding a Luhn-valid 13-19 digit number
// (spaces and dashes allowed) or any field named like a card secret is refused outright.
const CARD_FIELD = /^(cvv|cvc|cvv2|cvc2|cardnumber|card_number|pan)$/i;
// A digit run, optionally separated by single spaces or dashes. A run that starts with "+" is an
// E.164 phone or fax number (at most 15 digits), which a card number never is.
const DIGIT_RUN = /(\+?)(\d(?:[ -]?\d)*)/g;
const MIN_CARD_DIGITS = 13;
const MAX_CARD_DIGITS = 19;
const MAX_E164_DIGITS = 15;

export const passesLuhn = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
};

/** True when some 13-19 digit window of a digit run in `text` is a Luhn-valid card number. */
export const containsCardNumber = (text: string): boolean => {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const digits = match[2].replace(/[ -]/g, '');
    if (match[1] === '+' && digits.length <= MAX_E164_DIGITS) continue;
    for (let length = MIN_CARD_DIGITS; length <= Math.min(MAX_CARD_DIGITS, digits.length); length += 1) {
      for (let start = 0; start + length <= digits.length; start += 1) {
        if (passesLuhn(digits.slice(start, start + length))) return true;
      }
    }
  }
  return false;
};

/** Where card data sits in a parsed JSON value; paths only, never the values. */
export const findCardData = (value: unknown, path: string[] = []): FieldError[] => {
  const here = path.join('.') || '(body)';
  if (typeof value === 'string') {
    return containsCardNumber(value)
      ? [{ path: here, message: 'Card numbers are not accepted: send the payment processor token instead.' }]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findCardData(item, [...path, String(index)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      CARD_FIELD.test(key)
        ? [{ path: [...path, key].join('.'), message: 'Card details are not accepted: send the payment processor token instead.' }]
        : findCardData(item, [...path, key]),
    );
  }
  return [];
};
