import { canonicalEmail } from '../accounts/account';
import type { AccountStore } from '../accounts/account-store';
import { activeOwnAccount } from '../accounts/profile';
import { now } from '../clock';
import { signCommunicationLink, unsubscribeUrl } from '../communications/links';
import type { EmailOutbox } from '../email/outbox';
import type { SuppressionList } from '../email/ports';
import { suppressionKeyOf } from '../email/suppression';
import { mailboxOf } from '../email-identity';
import { TooManyRequests } from '../errors';
import { newId } from '../ids';
import { personEmailHash, type Pseudonymiser } from '../pseudonyms';
import { DAY_MS, windowStartOf, type Throttle } from '../throttle';
import type { ReferralOptOuts, ReferralStore } from './ports';
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
  emails: EmailOutbox;
  /** The API's base URL (no trailing slash): the invitation's links point at its routes. */
  apiUrl: string;
}

const INVITATION_WINDOW_MS = INVITATION_WINDOW_DAYS * DAY_MS;

/**
 * `POST /referrals`: a customer invites a friend. At most `REFERRALS_PER_DAY` a UTC day per
 * customer (429 after, nothing stored). The friend gets one invitation unless the email is a
 * customer's (live, deactivated included), suppressed, opted out of referrals, or already invited
 * within `INVITATION_WINDOW_DAYS` by anyone (a person is their mailbox: `+tags` and Gmail's dots
 * are one friend), or the customer's processing is restricted or objected: then the referral is
 * stored `not_sent`. The answer is the same 202 either way, and the work before it too (every
 * check is read, the friend's window counted, the referral written), so neither its body nor
 * its time tells a customer which emails are customers', suppressed or opted out; only the
 * invitation's hand-over to the email pipeline (one SQS call) is the invited path's own.
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
  if (!(await deps.perCustomer.take(limitKey, windowStartOf(at, DAY_MS), REFERRALS_PER_DAY, DAY_MS))) {
    throw new TooManyRequests(`At most ${REFERRALS_PER_DAY} referrals a day: try again tomorrow (UTC).`);
  }
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
  if (sends) {
    const token = await signCommunicationLink(deps.pseudonymiser, { choice: 'referral_opt_out', emailHash: friendEmailHash });
    await deps.emails.request(
      {
        template: 'referral-invitation',
        messageId: `referral-invitation#${referral.referralId}`,
        to: friendEmail,
        params: {
          friendName: form.friendName,
          referralCode: referrer.referralCode,
          optOutUrl: `${deps.apiUrl}/referrals/opt-out?token=${token}`,
          unsubscribeUrl: unsubscribeUrl(deps.apiUrl, token),
        },
      },
      requestId,
    );
  }
  return { referralId: referral.referralId };
};
