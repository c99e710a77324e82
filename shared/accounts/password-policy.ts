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
const CHARACTER_CLASSES: readonly { characters: string; required: boolean }[] = [
  { characters: 'abcdefghijkmnpqrstuvwxyz', required: PASSWORD_POLICY.requireLowercase },
  { characters: 'ABCDEFGHJKLMNPQRSTUVWXYZ', required: PASSWORD_POLICY.requireUppercase },
  { characters: '23456789', required: PASSWORD_POLICY.requireDigits },
  { characters: '!#%*+-=?@^_~', required: PASSWORD_POLICY.requireSymbols },
];

/** Longer than the policy's minimum: 20 characters of these classes hold over 110 bits. */
const TEMPORARY_PASSWORD_LENGTH = Math.max(20, PASSWORD_POLICY.minLength);

const pick = (characters: string): string => characters[randomInt(characters.length)];

/** A temporary password from the system's CSPRNG, holding every character class the policy requires. */
export const temporaryPassword = (): string => {
  const required = CHARACTER_CLASSES.filter((group) => group.required).map((group) => group.characters);
  const every = CHARACTER_CLASSES.map((group) => group.characters).join('');
  const characters = [...required.map(pick), ...Array.from({ length: TEMPORARY_PASSWORD_LENGTH - required.length }, () => pick(every))];
  // Fisher–Yates, so the required characters sit anywhere.
  for (let index = characters.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [characters[index], characters[other]] = [characters[other], characters[index]];
  }
  return characters.join('');
};
