import { randomInt } from 'node:crypto';

// Each class the user pool's default password policy asks for, without look-alikes (0/O, 1/l/I).
const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#$%&*+-=?@^_'];
const LENGTH = 20;

/** A login's one-time password: crypto-random, 20 characters, at least one of each class. */
export const temporaryPassword = (): string => {
  const all = CLASSES.join('');
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)];
  const characters = [...CLASSES.map(pick), ...Array.from({ length: LENGTH - CLASSES.length }, () => pick(all))];
  // Shuffled (Fisher–Yates), so the guaranteed classes sit anywhere.
  for (let i = characters.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j], characters[i]];
  }
  return characters.join('');
};
