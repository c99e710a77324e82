import * as z from 'zod/mini';
import { schema } from './schema';
import { E164 } from './e164';
import { INVISIBLE } from './unicode';

// The text rules of every field a client writes (README, "Behaviour decided where the contract is
// silent"). Messages describe the rule, never the value.

// C0 and C1 control characters and DEL; free text keeps its line breaks and tabs (\t, \n, \r).
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// A surrogate half without its other half is not Unicode text: it cannot be stored as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Line and paragraph separators break a line as a line feed does.
const LINE_SEPARATOR = /[\u2028\u2029]/;
// Bidi embeddings, overrides and isolates reorder how the text around them is shown (a name or a
// company displayed backwards in an email or an export). The marks (LRM, RLM, ALM) and the joiners
// (ZWJ, ZWNJ), which names in real scripts and emoji need, stay allowed.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// What shows nothing on its own besides whitespace and invisible characters: combining marks with
// no letter to sit on, the braille blank.
const SHOWS_NOTHING = /[\p{M}\u2800]/gu;

const isBlank = (value: string): boolean => value.replace(INVISIBLE, '').replace(SHOWS_NOTHING, '').trim() === '';

// What every text a client writes must be, besides its own control-character and line rules.
const textChecks = (max: number) =>
  [
    z.trim(),
    z.maxLength(max),
    z.refine<string>((value) => !BIDI_CONTROL.test(value), 'Must not contain bidirectional control characters.'),
    z.refine<string>((value) => !LONE_SURROGATE.test(value), 'Must be valid Unicode text.'),
    z.refine<string>((value) => !isBlank(value), 'Must not be blank.'),
  ] as const;

/** A name, a label: one line, trimmed, at most `max` characters, not blank (nor empty). */
export const singleLineText = (max: number) =>
  z.string().check(
    ...textChecks(max),
    z.refine((value: string) => !CONTROL.test(value), 'Must not contain control characters.'),
    z.refine((value: string) => !LINE_SEPARATOR.test(value), 'Must be a single line.'),
  );

/** Free text (a request's details): like a name, but it may run over lines (line breaks and tabs allowed). */
export const freeText = (max: number) =>
  z.string().check(...textChecks(max), z.refine((value: string) => !CONTROL_BUT_LINE_BREAKS.test(value), 'Must not contain control characters.'));

/** An id another system chose (a gateway's event or delivery id): 1..128 visible ASCII characters. */
export const foreignId = /* @__PURE__ */ schema(() => z.string().check(z.regex(/^[!-~]{1,128}$/, 'Must be 1 to 128 visible ASCII characters.')));

export const e164 = /* @__PURE__ */ schema(() => z.string().check(z.regex(E164, 'Must be an E.164 number such as +15551234567.')));
