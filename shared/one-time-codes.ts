import { randomInt } from 'node:crypto';
import * as z from 'zod/mini';
import { schema } from './schema';
import { now } from './clock';
import { TooManyRequests } from './errors';
import { DAY_MS, secondsUntil, takeOrRefuse, type Throttle } from './throttle';

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

/**
 * How many codes one subject (an email, an account) may be sent and may try, whatever it asks
 * them for: the 5 tries of one code do not stop a caller who asks for code after code.
 */
export interface CodeLimits {
  /** Codes usable at once: each holds its place until it expires, verified or not. */
  liveAtOnce?: number;
  /** Codes sent per UTC day. */
  issuedPerDay: number;
  /** Codes tried per UTC day, across every code: past it, tries are refused until the day ends (the lockout's cooldown). */
  triedPerDay: number;
}

/** Counts a code about to be sent to `subject` (a keyed digest): 429 when its limits are used up, before anything is stored or sent. */
export const takeCodeIssue = async (throttle: Throttle, subject: string, limits: CodeLimits): Promise<void> => {
  const at = now();
  const until = oneTimeCodeExpiry();
  if (limits.liveAtOnce !== undefined && !(await throttle.hold(`live#${subject}`, limits.liveAtOnce, at.toISOString(), until))) {
    // The oldest live code may expire sooner: a code's whole lifetime is when a place is surely free.
    throw new TooManyRequests(
      `At most ${limits.liveAtOnce} codes may be awaiting use at once: use one, or wait until they expire (${ONE_TIME_CODE_LIFETIME_MINUTES} minutes).`,
      secondsUntil(at, new Date(until)),
    );
  }
  await takeOrRefuse(throttle, `issued#${subject}`, limits.issuedPerDay, DAY_MS, at, `At most ${limits.issuedPerDay} codes a day: try again after midnight UTC.`);
};

/** Counts a code tried for `subject`, before it is compared, so racing guesses each count: 429 once the day's tries are used up. */
export const takeCodeTry = async (throttle: Throttle, subject: string, limits: CodeLimits): Promise<void> => {
  await takeOrRefuse(throttle, `tried#${subject}`, limits.triedPerDay, DAY_MS, now(), `At most ${limits.triedPerDay} codes may be tried a day: try again after midnight UTC.`);
};
