/**
 * Keyed one-way digests of values the service must recognise again without keeping them (a
 * fax's sender in its receipt's fingerprint; later, a person's email in `emailHash`). Under a
 * secret key, someone holding the table cannot confirm a guess (a phone number has little
 * entropy); `purpose` separates the uses, so no digest of one serves another.
 */
export interface Pseudonymiser {
  pseudonym(purpose: string, values: readonly (string | number)[]): Promise<string>;
}

/** The keyed digest that links a person's records by their (canonical) email (`PERSON#<emailHash>`). */
export const personEmailHash = (pseudonymiser: Pseudonymiser, canonicalEmail: string): Promise<string> =>
  pseudonymiser.pseudonym('person-email-v1', [canonicalEmail]);
