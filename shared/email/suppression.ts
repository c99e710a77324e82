import { canonicalEmail } from '../accounts/account';
import { now } from '../clock';
import type { Pseudonymiser } from '../pseudonyms';
import type { SuppressionList, SuppressionReason } from './ports';

/** The pseudonymiser's purpose label of suppression keys: their digests serve nothing else. */
const SUPPRESSION_PURPOSE = 'email-suppression-v1';

/** The suppression list's key of an address: the keyed digest of its canonical (trimmed, lower-cased) form. */
export const suppressionKeyOf = (pseudonymiser: Pseudonymiser, address: string): Promise<string> =>
  pseudonymiser.pseudonym(SUPPRESSION_PURPOSE, [canonicalEmail(address)]);

/** What SES reported about emails it could not deliver or whose readers complained. */
export type EmailFeedback =
  /** `Permanent`: the address does not exist or refuses mail; `Transient` and `Undetermined` may pass. */
  | { kind: 'bounce'; bounceType: string; recipients: string[] }
  | { kind: 'complaint'; recipients: string[] };

export interface FeedbackDependencies {
  suppressions: SuppressionList;
  pseudonymiser: Pseudonymiser;
}

const reasonOf = (feedback: EmailFeedback): SuppressionReason | undefined => {
  if (feedback.kind === 'complaint') return 'complaint';
  return feedback.bounceType === 'Permanent' ? 'bounce' : undefined;
};

/**
 * Suppresses the addresses of a permanent bounce or a complaint, for good; a transient or
 * undetermined bounce suppresses nothing (the mailbox may take mail again). Idempotent.
 */
export const recordEmailFeedback = async (deps: FeedbackDependencies, feedback: EmailFeedback): Promise<'suppressed' | 'ignored'> => {
  const reason = reasonOf(feedback);
  if (reason === undefined || feedback.recipients.length === 0) return 'ignored';
  const at = now();
  const keys = await Promise.all(feedback.recipients.map((address) => suppressionKeyOf(deps.pseudonymiser, address)));
  await Promise.all(keys.map((key) => deps.suppressions.suppress(key, reason, at)));
  return 'suppressed';
};
