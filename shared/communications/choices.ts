import type { Preferences } from '../accounts/account';
import { AccountChanged, type AccountStore } from '../accounts/account-store';
import { changePreferences } from '../accounts/preferences';
import { retryable } from '../accounts/profile';
import { nowIso } from '../clock';
import { NotFound } from '../errors';
import type { Pseudonymiser } from '../pseudonyms';
import type { ReferralOptOuts } from '../referrals/ports';
import { readCommunicationLink, type CommunicationChoice } from './links';

export interface LinkChoiceDependencies {
  accounts: AccountStore;
  optOuts: ReferralOptOuts;
  pseudonymiser: Pseudonymiser;
}

type Choice = CommunicationChoice['choice'];

/** What a link's `GET` says a `POST` would do, and what the `POST` says it did: never whose address it is. */
const EFFECTS: Readonly<Record<Choice, { preview: string; done: string }>> = {
  opt_out_all: {
    preview: 'Confirming (POST to this link) opts this address out of all communication from the fax service. Codes, receipts and sign-in invitations still arrive.',
    done: 'This address is opted out of all communication from the fax service. Codes, receipts and sign-in invitations still arrive.',
  },
  business_transition_opt_out: {
    preview: "Confirming (POST to this link) records that this customer's information is not to be used by a new owner in a way different from when it was collected.",
    done: "Recorded: this customer's information is not to be used by a new owner in a way different from when it was collected.",
  },
  referral_opt_out: {
    preview: 'Confirming (POST to this link) stops every referral invitation to this address, from any customer.',
    done: 'This address gets no more referral invitations from the fax service, from any customer.',
  },
};

/** The preference each customer choice sets. */
const PREFERENCE: Readonly<Record<Exclude<Choice, 'referral_opt_out'>, keyof Pick<Preferences, 'optOutAll' | 'businessTransitionOptOut'>>> = {
  opt_out_all: 'optOutAll',
  business_transition_opt_out: 'businessTransitionOptOut',
};

/** A concurrent change of the account is met by reading it again: a one-click POST is not retried by mail providers. */
const ACCOUNT_ATTEMPTS = 3;

/**
 * A customer's choice by link, with the same rules and records as `PUT /me/preferences` (a consent
 * record and an audit entry, by the link's holder). An account that is gone or being removed (an
 * erased person: their address is suppressed for everything unsolicited already) records nothing;
 * nor does a pending one, which no notice reaches and whose choices cannot change before its email is proven.
 */
const chooseForAccount = async (accounts: AccountStore, accountId: string, preference: 'optOutAll' | 'businessTransitionOptOut') => {
  for (let attempt = 1; ; attempt += 1) {
    const account = await accounts.get(accountId);
    if (!account || account.removal || account.status === 'pending') return;
    try {
      await changePreferences(accounts, account, { [preference]: true }, { method: 'email_link', actor: { kind: 'requester' } });
      return;
    } catch (error) {
      // Still changing after the last try: a 409 worth retrying, as for `PUT /me/preferences`.
      if (!(error instanceof AccountChanged) || attempt === ACCOUNT_ATTEMPTS) retryable(error);
    }
  }
};

/** `GET /unsubscribe?token=`: what the link's `POST` would do; reads and changes nothing but the token. */
export const previewLink = async (deps: Pick<LinkChoiceDependencies, 'pseudonymiser'>, token: string | undefined) => {
  const { choice } = await readCommunicationLink(deps.pseudonymiser, token);
  return { choice, effect: EFFECTS[choice].preview };
};

const recorded = (choice: Choice) => ({ choice, effect: EFFECTS[choice].done });

/**
 * `POST /unsubscribe?token=` (RFC 8058 one-click): records the link's choice without sign-in.
 * Idempotent: a choice already recorded changes nothing and answers the same. Forged or malformed
 * tokens are a 404 (`readCommunicationLink`).
 */
export const recordLinkChoice = async (deps: LinkChoiceDependencies, token: string | undefined) => {
  const link = await readCommunicationLink(deps.pseudonymiser, token);
  if (link.choice === 'referral_opt_out') await deps.optOuts.optOut(link.emailHash, nowIso());
  else await chooseForAccount(deps.accounts, link.accountId, PREFERENCE[link.choice]);
  return recorded(link.choice);
};

/**
 * `GET /referrals/opt-out?token=`: the invitation's opt-out link, which API.md has act on a `GET`,
 * the same as a one-click `POST` of its token. Only a referral opt-out's token: a customer's
 * (opt out of all, of a business transition) is a 404 here, so a scanner following links in
 * an email never makes a customer's choice.
 */
export const optOutOfReferrals = async (deps: Pick<LinkChoiceDependencies, 'optOuts' | 'pseudonymiser'>, token: string | undefined) => {
  const link = await readCommunicationLink(deps.pseudonymiser, token);
  if (link.choice !== 'referral_opt_out') throw new NotFound('No such link: use it exactly as it was emailed.');
  await deps.optOuts.optOut(link.emailHash, nowIso());
  return recorded(link.choice);
};
