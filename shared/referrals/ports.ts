import type { ReferralCreatedV1 } from '../../events/referral-created';
import type { Page, PageRequest } from '../pages';
import type { Referral, ReferralRef } from './referral';

/** Where referrals live: under their referrer, found by the friend's email digest too. */
export interface ReferralStore {
  /** Stores a new referral. */
  add(referral: Referral): Promise<void>;
  /** One of the referrer's referrals; undefined when it is gone. */
  get(referrerId: string, referralId: string): Promise<Referral | undefined>;
  /** The referrer's referrals, newest first. */
  listOf(referrerId: string, page: PageRequest): Promise<Page<Referral>>;
  /** The referrer's latest referral of the email with this digest, if any (a sign-up names it, its proof converts it: `AccountStore.activate`). */
  latestOf(referrerId: string, friendEmailHash: string): Promise<Referral | undefined>;
  /** Deletes every referral of the email with this digest, whoever made it (the friend's erasure); how many. */
  forgetFriend(friendEmailHash: string): Promise<number>;
  /** Drops a referral from the pending hand-overs: its `referral.created` is queued (a referral gone meanwhile is no error). */
  markQueued(referral: ReferralRef): Promise<void>;
  /** Referrals made before `before` whose hand-over to the queue is still pending, oldest first, at most `limit`. */
  pendingSince(before: Date, limit: number): Promise<ReferralRef[]>;
}


/** The emails (as `person-email-v1` digests) that take no more referral invitations, from anyone. */
export interface ReferralOptOuts {
  /** Records the opt-out; recording it again keeps the first. */
  optOut(emailHash: string, at: string): Promise<void>;
  isOptedOut(emailHash: string): Promise<boolean>;
}

/** The referrals queue: every referral made, for its invitation to be sent (or not). */
export interface ReferralQueue {
  /** Queues the event, tagged with the HTTP request that made the referral; fails loudly. */
  send(event: ReferralCreatedV1, requestId: string): Promise<void>;
}
