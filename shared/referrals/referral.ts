/**
 * A customer's invitation of a friend (API.md, "Policy changes and communications"): `invited`
 * when the invitation went to the email pipeline, `not_sent` when the service sent nothing (the
 * email is a customer's, suppressed, opted out or invited lately, or the customer's processing is
 * restricted or objected), `converted` once the friend signed up with the customer's code and proved their email.
 */
export const REFERRAL_STATUSES = ['invited', 'not_sent', 'converted'] as const;
type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface Referral {
  referralId: string;
  referrerId: string;
  friendName: string;
  /** Canonical (trimmed, lower-cased). */
  friendEmail: string;
  /** `personEmailHash` of the friend's email: how the friend's rights requests find it. */
  friendEmailHash: string;
  status: ReferralStatus;
  createdAt: string;
  convertedAt?: string;
}

/** Which referral: its key (its referrer's account and its own id). */
export type ReferralRef = Pick<Referral, 'referrerId' | 'referralId'>;

/** What `GET /referrals` shows of one. */
export const referralView = ({ referralId, friendName, friendEmail, status, createdAt, convertedAt }: Referral) => ({
  referralId,
  friendName,
  friendEmail,
  status,
  createdAt,
  ...(convertedAt === undefined ? {} : { convertedAt }),
});

/** Invitations a customer may ask for in a UTC day (API.md): the 21st is a 429. */
export const REFERRALS_PER_DAY = 20;
/**
 * Invitations one email receives from anyone in a window of this many days: one. The service
 * must not be a way to flood a stranger's inbox (DESIGN.md), however many customers know them.
 */
export const INVITATION_WINDOW_DAYS = 30;
