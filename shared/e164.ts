// E.164, as API.md writes phone and fax numbers: "+", a country code that never starts with 0,
// and 7 to 15 digits in all. The one definition the schemas, the card screen, the log scrubber
// and the stores read.
export const E164_MAX_DIGITS = 15;
const E164_MIN_DIGITS = 7;

/** An E.164 number, unanchored: to find one inside a text. */
export const E164_SOURCE = `\\+[1-9]\\d{${E164_MIN_DIGITS - 1},${E164_MAX_DIGITS - 1}}`;

/** A whole value that is an E.164 number. */
export const E164 = new RegExp(`^${E164_SOURCE}$`);
