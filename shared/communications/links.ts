import { timingSafeEqual } from 'node:crypto';
import { NotFound } from '../errors';
import type { Pseudonymiser } from '../pseudonyms';

/**
 * The choices an emailed link records without sign-in (API.md, "Policy changes and
 * communications"): a customer opting out of all communication or of a business transition, a
 * referral friend opting out of invitations. A link names whose choice it is and is signed, so it
 * cannot be made for anyone else; it does not expire, since a notice is read months later and
 * RFC 8058 wants its link to keep working.
 */
export type CommunicationChoice =
  /** A customer's `optOutAll` (the one-click unsubscribe of a notice). */
  | { choice: 'opt_out_all'; accountId: string }
  /** A customer's `businessTransitionOptOut` (the business-transition notice's own link). */
  | { choice: 'business_transition_opt_out'; accountId: string }
  /** No more referral invitations to an email, from anyone: its `person-email-v1` digest, never the address. */
  | { choice: 'referral_opt_out'; emailHash: string };

/** The pseudonymiser's purpose label of these links' signatures: no digest of another use signs one. */
const LINK_PURPOSE = 'communication-link-v1';

const CHOICES = ['opt_out_all', 'business_transition_opt_out', 'referral_opt_out'] as const;

/** `<choice>.<account id or email digest>.<HMAC-SHA256, base64url>`: ids and digests only, nothing personal in a URL. */
const TOKEN_FORMAT = /^([a-z_]{1,40})\.(acc_[0-9A-Z]{26}|[A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

const subjectOf = (link: CommunicationChoice): string => ('accountId' in link ? link.accountId : link.emailHash);

const signatureOf = (pseudonymiser: Pseudonymiser, choice: string, subject: string) => pseudonymiser.pseudonym(LINK_PURPOSE, [choice, subject]);

/** The link's token, for a `?token=` of the API's unsubscribe and referral opt-out routes. */
export const signCommunicationLink = async (pseudonymiser: Pseudonymiser, link: CommunicationChoice): Promise<string> => {
  const subject = subjectOf(link);
  return `${link.choice}.${subject}.${await signatureOf(pseudonymiser, link.choice, subject)}`;
};

/** `POST /unsubscribe?token=` under the API's base URL: the one-click link of RFC 8058 (a `GET` of it changes nothing). */
export const unsubscribeUrl = (apiUrl: string, token: string): string => `${apiUrl}/unsubscribe?token=${token}`;

const linkNotFound = () => new NotFound('No such link: use it exactly as it was emailed.');

/**
 * The choice a token records. Malformed, forged (a signature not ours, or one for another choice
 * or subject) and missing tokens are all the same 404 (API.md): a prober learns nothing.
 */
export const readCommunicationLink = async (pseudonymiser: Pseudonymiser, token: string | undefined): Promise<CommunicationChoice> => {
  const parts = TOKEN_FORMAT.exec(token ?? '');
  const choice = CHOICES.find((known) => known === parts?.[1]);
  if (!parts || !choice) throw linkNotFound();
  const [, , subject, signature] = parts;
  const isAccount = subject.startsWith('acc_');
  if (isAccount === (choice === 'referral_opt_out')) throw linkNotFound();
  const expected = Buffer.from(await signatureOf(pseudonymiser, choice, subject));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw linkNotFound();
  return choice === 'referral_opt_out' ? { choice, emailHash: subject } : { choice, accountId: subject };
};
