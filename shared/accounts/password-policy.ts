import { randomInt } from 'node:crypto';

/**
 * The user pool's password policy, defined once: the stateful stack configures the pool with it
 * (and the local runtime the emulated pool), and temporary passwords are generated to satisfy it.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  /** How long an invitation's temporary password signs in before an administrator must issue a new one. */
  temporaryPasswordValidityDays: 3,
} as const;

// Look-alikes (l/1/I, O/0) left out: the customer types the password from an email. Symbols are
// among those Cognito counts as symbols, without quotes, backslash or space, which emails and
// terminals mangle.
const CHARACTER_CLASSES = {
  lowercase: 'abcdefghijkmnpqrstuvwxyz',
  uppercase: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  digits: '23456789',
  symbols: '!#%*+-=?@^_~',
} as const;

/** Longer than the policy's minimum: 20 characters of these classes hold over 110 bits. */
const TEMPORARY_PASSWORD_LENGTH = Math.max(20, PASSWORD_POLICY.minLength);

const pick = (characters: string): string => characters[randomInt(characters.length)];

/** A temporary password from the system's CSPRNG, holding every character class the policy requires. */
export const temporaryPassword = (): string => {
  const required = [
    PASSWORD_POLICY.requireLowercase && CHARACTER_CLASSES.lowercase,
    PASSWORD_POLICY.requireUppercase && CHARACTER_CLASSES.uppercase,
    PASSWORD_POLICY.requireDigits && CHARACTER_CLASSES.digits,
    PASSWORD_POLICY.requireSymbols && CHARACTER_CLASSES.symbols,
  ].filter((characters): characters is string => characters !== false);
  const every = Object.values(CHARACTER_CLASSES).join('');
  const characters = [...required.map(pick), ...Array.from({ length: TEMPORARY_PASSWORD_LENGTH - required.length }, () => pick(every))];
  // Fisher–Yates, so the required characters sit anywhere.
  for (let index = characters.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [characters[index], characters[other]] = [characters[other], characters[index]];
  }
  return characters.join('');
};
