import { canonicalEmail } from '../accounts/account';
import type { AccountStore } from '../accounts/account-store';
import { activeOwnAccount } from '../accounts/profile';
import { now } from '../clock';
import type { SuppressionList } from '../email/ports';
import { suppressionKeyOf } from '../email/suppression';
import { mailboxOf } from '../email-identity';
import { newId } from '../ids';
import { logger } from '../logger';
import { personEmailHash, type Pseudonymiser } from '../pseudonyms';
import { DAY_MS, takeOrRefuse, windowStartOf, type Throttle } from '../throttle';
import { queueReferral } from './hand-over';
import type { ReferralOptOuts, ReferralQueue, ReferralStore } from './ports';
import { INVITATION_WINDOW_DAYS, REFERRALS_PER_DAY, type Referral } from './referral';

export interface InviteDependencies {
  accounts: AccountStore;
  referrals: ReferralStore;
  optOuts: ReferralOptOuts;
  suppressions: SuppressionList;
  /** Invitations asked for per customer per day. */
  perCustomer: Throttle;
  /** Invitations sent per friend's mailbox per window. */
  perFriend: Throttle;
  pseudonymiser: Pseudonymiser;
  /** Where every referral goes for its invitation (`sendInvitation`), invited or not. */
  queue: ReferralQueue;
}

const INVITATION_WINDOW_MS = INVITATION_WINDOW_DAYS * DAY_MS;

/**
 * `POST /referrals`: a customer invites a friend. At most `REFERRALS_PER_DAY` a UTC day per
 * customer (429 after, nothing stored). The friend gets one invitation unless the email is a
 * customer's (live, deactivated included), suppressed, opted out of referrals, or already invited
 * within `INVITATION_WINDOW_DAYS` by anyone (a person is their mailbox: `+tags` and Gmail's dots
 * are one friend), or the customer's processing is restricted or objected: then the referral is
 * stored `not_sent`. The answer is the same 202 either way, and so is the work before it (every
 * check read, the friend's window counted, the referral written and queued), so neither its body
 * nor its time tells a customer which emails are customers', suppressed or opted out: the
 * invitation itself is sent by the queue's consumer. Should the queue refuse the referral, it
 * stays pending and the re-drive (`redriveReferrals`) queues it.
 */
export const inviteFriend = async (
  deps: InviteDependencies,
  accountId: string,
  form: { friendName: string; friendEmail: string },
  requestId: string,
): Promise<{ referralId: string }> => {
  const referrer = await activeOwnAccount(deps.accounts, accountId);
  const at = now();
  const limitKey = await deps.pseudonymiser.pseudonym('referral-limits-v1', [accountId]);
  await takeOrRefuse(deps.perCustomer, limitKey, REFERRALS_PER_DAY, DAY_MS, at, `At most ${REFERRALS_PER_DAY} referrals a day: try again tomorrow (UTC).`);
  const friendEmail = canonicalEmail(form.friendEmail);
  const [friendEmailHash, suppressionKey, friendKey] = await Promise.all([
    personEmailHash(deps.pseudonymiser, friendEmail),
    suppressionKeyOf(deps.pseudonymiser, friendEmail),
    deps.pseudonymiser.pseudonym('referral-invitations-v1', [mailboxOf(friendEmail)]),
  ]);
  const [customer, optedOut, suppressed, firstInWindow] = await Promise.all([
    deps.accounts.accountIdByEmail(friendEmail),
    deps.optOuts.isOptedOut(friendEmailHash),
    deps.suppressions.reasonFor(suppressionKey),
    deps.perFriend.take(friendKey, windowStartOf(at, INVITATION_WINDOW_MS), 1, INVITATION_WINDOW_MS),
  ]);
  const { restricted, objectedToProfiling } = referrer.processing;
  const sends = !customer && !optedOut && !suppressed && firstInWindow && !restricted && !objectedToProfiling;
  const referral: Referral = {
    referralId: newId('ref'),
    referrerId: accountId,
    friendName: form.friendName,
    friendEmail,
    friendEmailHash,
    status: sends ? 'invited' : 'not_sent',
    createdAt: at.toISOString(),
  };
  await deps.referrals.add(referral);
  await queueReferral(deps, referral, requestId).catch((error: unknown) => {
    // Ids only. A 500 would only make the client's retry a second referral, `not_sent` within the friend's window.
    logger.warn('The referral is stored but not queued: the re-drive will queue it', { referralId: referral.referralId, error });
  });
  return { referralId: referral.referralId };
};
