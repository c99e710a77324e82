import { HASH_KEY, fingerprintUnder, inboundFaxBody } from '../../../test/support/faxes';
import { fingerprintOf } from '../../faxes/receipts';
import { EnvNames } from '../../config';
import { hmacPseudonymiser, pseudonymiser } from './pseudonymiser';

const event = inboundFaxBody();

describe('the pseudonymiser', () => {
  it('fingerprints a fax differently under a different key, so no digest can be recomputed without it', async () => {
    // Act
    const [underOne, underAnother] = await Promise.all(
      ['one-pseudonymisation-key', 'another-pseudonymisation-key'].map((key) => fingerprintOf(hmacPseudonymiser(async () => key), 'acc_1', event)),
    );

    // Assess
    expect(underOne).not.toBe(underAnother);
    expect(underOne).toBe(fingerprintUnder('one-pseudonymisation-key', 'acc_1', event));
  });

  it('separates purposes: the same values under another purpose give another digest', async () => {
    // Prepare
    const keyed = hmacPseudonymiser(async () => HASH_KEY);

    // Act
    const [fingerprint, other] = await Promise.all([keyed.pseudonym('fax-fingerprint-v1', ['a', 1]), keyed.pseudonym('email-v1', ['a', 1])]);

    // Assess
    expect(fingerprint).not.toBe(other);
  });

  it('refuses to digest under an empty key (a plain, guessable hash)', async () => {
    // Act
    const digest = hmacPseudonymiser(async () => '').pseudonym('fax-fingerprint-v1', ['a']);

    // Assess
    await expect(digest).rejects.toThrow('pseudonymisation key');
  });

  it('takes the key from HASH_KEY locally', async () => {
    // Prepare
    process.env[EnvNames.hashKeyValue] = HASH_KEY;

    // Act
    const fingerprint = await fingerprintOf(pseudonymiser(), 'acc_1', event);

    // Assess
    expect(fingerprint).toBe(fingerprintUnder(HASH_KEY, 'acc_1', event));
    delete process.env[EnvNames.hashKeyValue];
  });
});
