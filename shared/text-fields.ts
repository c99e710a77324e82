import * as z from 'zod/mini';
import { E164 } from './e164';
import { INVISIBLE } from './unicode';

// The text rules of every field a client writes (README, "Behaviour decided where the contract is
// silent"). Messages describe the rule, never the value.

// C0 and C1 control characters and DEL. (A free-text field, when one comes, would allow \n and \t.)
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// A surrogate half without its other half is not Unicode text: it cannot be stored as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const isBlank = (value: string): boolean => value.replace(INVISIBLE, '').trim() === '';

/** A name, a label: one line, trimmed, at most `max` characters, not blank (nor empty). */
export const singleLineText = (max: number) =>
  z.string().check(
    z.trim(),
    z.maxLength(max),
    z.refine((value: string) => !CONTROL.test(value), 'Must not contain control characters.'),
    z.refine((value: string) => !LONE_SURROGATE.test(value), 'Must be valid Unicode text.'),
    z.refine((value: string) => !isBlank(value), 'Must not be blank.'),
  );

/** An id another system chose (a gateway's event or delivery id): 1..128 visible ASCII characters. */
export const foreignId = z.string().check(z.regex(/^[!-~]{1,128}$/, 'Must be 1 to 128 visible ASCII characters.'));

export const e164 = z.string().check(z.regex(E164, 'Must be an E.164 number such as +15551234567.'));
