import type { Page, PageRequest } from '../pages';
import type { Referral } from './referral';

/** Where referrals live: under their referrer, found by the friend's email digest too. */
export interface ReferralStore {
  /** Stores a new referral. */
  add(referral: Referral): Promise<void>;
  /** The referrer's referrals, newest first. */
  listOf(referrerId: string, page: PageRequest): Promise<Page<Referral>>;
  /** The referrer's latest referral of the email with this digest, if any (sign-up converts it, with the account: `AccountStore.create`). */
  latestOf(referrerId: string, friendEmailHash: string): Promise<Referral | undefined>;
  /** Deletes every referral of the email with this digest, whoever made it (the friend's erasure); how many. */
  forgetFriend(friendEmailHash: string): Promise<number>;
}

/** The emails (as `person-email-v1` digests) that take no more referral invitations, from anyone. */
export interface ReferralOptOuts {
  /** Records the opt-out; recording it again keeps the first. */
  optOut(emailHash: string, at: string): Promise<void>;
  isOptedOut(emailHash: string): Promise<boolean>;
}
