import type { ReferralCreatedV1 } from '../../events/referral-created';
import type { AccountStore } from '../accounts/account-store';
import { signCommunicationLink, unsubscribeUrl } from '../communications/links';
import type { EmailOutbox } from '../email/outbox';
import type { Pseudonymiser } from '../pseudonyms';
import type { ReferralStore } from './ports';

export interface InvitationDependencies {
  referrals: ReferralStore;
  accounts: AccountStore;
  pseudonymiser: Pseudonymiser;
  emails: EmailOutbox;
  /** The API's base URL (no trailing slash): the invitation's links point at its routes. */
  apiUrl: string;
}

/**
 * The consumer of `referral.created`: hands an `invited` referral's invitation to the email
 * pipeline (the customer's referral code, the opt-out link and the one-click link, both with the
 * friend's signed token), once per referral however often the message comes (its message id is
 * the referral's). A `not_sent` referral, one gone (its referrer or friend erased meanwhile) or a
 * referrer being removed sends nothing. A failing dependency fails the message, which is retried.
 */
export const sendInvitation = async (deps: InvitationDependencies, { referrerId, referralId }: ReferralCreatedV1, requestId: string): Promise<string> => {
  const referral = await deps.referrals.get(referrerId, referralId);
  if (!referral) return 'gone';
  if (referral.status !== 'invited') return referral.status;
  const referrer = await deps.accounts.get(referrerId);
  if (!referrer || referrer.removal) return 'gone';
  const token = await signCommunicationLink(deps.pseudonymiser, { choice: 'referral_opt_out', emailHash: referral.friendEmailHash });
  await deps.emails.request(
    {
      template: 'referral-invitation',
      messageId: `referral-invitation#${referralId}`,
      to: referral.friendEmail,
      params: {
        friendName: referral.friendName,
        referralCode: referrer.referralCode,
        optOutUrl: `${deps.apiUrl}/referrals/opt-out?token=${token}`,
        unsubscribeUrl: unsubscribeUrl(deps.apiUrl, token),
      },
    },
    requestId,
  );
  return 'invited';
};
