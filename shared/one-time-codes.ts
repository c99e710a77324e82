import { randomInt } from 'node:crypto';
import * as z from 'zod/mini';
import { schema } from './schema';
import { now } from './clock';

// The one-time codes emailed to prove an address (an email change, a rights request): one rule
// for their shape, lifetime and tries, read by the emails that carry them and the checks that take them.

/** How long a code stays valid: what the email that carries it says. */
export const ONE_TIME_CODE_LIFETIME_MINUTES = 15;
/** Codes tried against one proof; the last wrong one ends it. */
export const ONE_TIME_CODE_ATTEMPTS = 5;

const CODE_DIGITS = 6;

/** A fresh code: 6 random digits. */
export const newOneTimeCode = (): string => String(randomInt(10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');

/** When a code made now stops being valid (ISO). */
export const oneTimeCodeExpiry = (): string => new Date(now().getTime() + ONE_TIME_CODE_LIFETIME_MINUTES * 60 * 1000).toISOString();

/** Whether a code that expires at `expiresAt` (ISO) has expired. */
export const hasExpired = (expiresAt: string): boolean => Date.parse(expiresAt) <= now().getTime();

/** A request body's code: exactly the 6 digits, nothing the client could smuggle. */
export const oneTimeCode = /* @__PURE__ */ schema(() => z.string().check(z.regex(new RegExp(`^\\d{${CODE_DIGITS}}$`), `Must be the ${CODE_DIGITS}-digit code.`)));
