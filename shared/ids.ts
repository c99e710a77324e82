import { randomInt } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import { now } from './clock';

const nextUlid = monotonicFactory();

/** The shape of an id `newId(prefix)` makes: the prefix, "_", and a ULID (26 base32 characters). */
export const idShape = (prefix: string): RegExp => new RegExp(`^${prefix}_[0-9A-Z]{26}$`);

/** A time-ordered id with a type prefix (`acc_01J…`), stamped by the shared clock. */
export const newId = (prefix: string): string => `${prefix}_${nextUlid(now().getTime())}`;

// Crockford base32 without look-alikes, so codes survive being read out or typed.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random, human-friendly code such as a referral code. */
export const newCode = (length: number): string =>
  Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
