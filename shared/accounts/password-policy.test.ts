import { PASSWORD_POLICY, temporaryPassword } from './password-policy';

// What Cognito checks of a password under the policy (its symbol set is wider than what is generated).
const COGNITO_SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]/;
const satisfiesPolicy = (password: string): boolean =>
  password.length >= PASSWORD_POLICY.minLength &&
  (!PASSWORD_POLICY.requireLowercase || /[a-z]/.test(password)) &&
  (!PASSWORD_POLICY.requireUppercase || /[A-Z]/.test(password)) &&
  (!PASSWORD_POLICY.requireDigits || /[0-9]/.test(password)) &&
  (!PASSWORD_POLICY.requireSymbols || COGNITO_SYMBOLS.test(password));

describe('temporaryPassword', () => {
  it('always satisfies the pool password policy', () => {
    // Act
    const passwords = Array.from({ length: 2_000 }, temporaryPassword);

    // Assess
    expect(passwords.filter((password) => !satisfiesPolicy(password))).toEqual([]);
  });

  it('never repeats itself and holds no look-alike, quote, backslash or space', () => {
    // Act
    const passwords = Array.from({ length: 2_000 }, temporaryPassword);

    // Assess
    expect(new Set(passwords).size).toBe(passwords.length);
    expect(passwords.filter((password) => /[lI1O0"'`\\\s]/.test(password))).toEqual([]);
  });
});
