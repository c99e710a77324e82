import { canonicalEmail } from './accounts/account';

// Mailboxes that ignore dots in the local part: every dotted spelling reaches the same person.
const DOTLESS_DOMAINS: Readonly<Record<string, string>> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * The mailbox an email reaches, for counting people: canonical (trimmed, lower-cased), without a
 * `+tag` (any provider delivering `ana+x@` delivers it to `ana@`; one that does not loses only a
 * distinction between two of its own addresses), and for Gmail without dots and under one domain.
 * Only for counting and limiting: a stored or sent email stays as given (`canonicalEmail`).
 */
export const mailboxOf = (email: string): string => {
  const canonical = canonicalEmail(email);
  const at = canonical.lastIndexOf('@');
  const domain = canonical.slice(at + 1);
  const [untagged = ''] = canonical.slice(0, at).split('+');
  const dotless = DOTLESS_DOMAINS[domain];
  return dotless === undefined ? `${untagged}@${domain}` : `${untagged.replaceAll('.', '')}@${dotless}`;
};
