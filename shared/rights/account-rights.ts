import type { Account, ConsentRecord, Preferences } from '../accounts/account';
import type { AccountStore } from '../accounts/account-store';
import { nowIso } from '../clock';
import type { Fulfil, Fulfilments, RightsResult } from './fulfilment';
import type { RightsRequest } from './request';
import { RIGHTS_REQUEST_ID_PREFIX } from './schemas';

/** What a request answers when no account it could change holds its email. */
const NO_ACCOUNT: RightsResult = { accountFound: false };

/**
 * The account a request's email names, if the request can change it: an active or deactivated
 * one. A sign-up never proven (pending) is left alone: it is removed unless its owner signs in;
 * so is one being removed (its erasure takes everything, and no writer adds to it).
 */
const accountOf = async (accounts: AccountStore, email: string): Promise<Account | undefined> => {
  const accountId = await accounts.accountIdByEmail(email);
  const account = accountId === undefined ? undefined : await accounts.get(accountId);
  return account?.status === 'pending' || account?.removal ? undefined : account;
};

/**
 * The consent record a withdrawal (or an objection, which withdraws marketing too) writes: its id
 * comes from the request, so a redelivered request rewrites its own record rather than adding a second.
 */
const withdrawalOf = (account: Account, requestId: string, recordedAt: string): ConsentRecord => ({
  consentId: `cns_${requestId.slice(RIGHTS_REQUEST_ID_PREFIX.length + 1)}`,
  kind: 'marketing',
  granted: false,
  version: account.policyVersion,
  recordedAt,
  method: 'rights_request',
});

/**
 * The fulfilments that change the requester's account: each reads it, writes only what still
 * differs (conditional on the version read: a concurrent change fails the attempt, and the
 * message is retried) and answers the same result however often it runs.
 */
export const accountRightsFulfilments = (
  accounts: AccountStore,
): Pick<Fulfilments, 'rectification' | 'restriction' | 'objection' | 'withdraw_consent'> => {
  const onAccount =
    (apply: (account: Account, request: RightsRequest) => Promise<RightsResult>): Fulfil =>
    async (request) => {
      const account = await accountOf(accounts, request.email);
      return account ? apply(account, request) : NO_ACCOUNT;
    };
  const choose = async (account: Account, choices: { preferences?: Preferences; processing: Account['processing'] }, consents: ConsentRecord[] = []) => {
    const preferences = choices.preferences ?? account.preferences;
    const unchanged = JSON.stringify([preferences, choices.processing]) === JSON.stringify([account.preferences, account.processing]);
    if (unchanged && consents.length === 0) return;
    await accounts.updatePreferences(account, preferences, consents, nowIso(), choices.processing);
  };

  return {
    rectification: onAccount(async (account, { corrections = {} }) => {
      const fields = Object.keys(corrections).sort() as (keyof typeof corrections)[];
      const changes = Object.fromEntries(fields.filter((field) => corrections[field] !== account[field]).map((field) => [field, corrections[field]]));
      if (Object.keys(changes).length > 0) await accounts.updateProfile(account, changes, nowIso());
      return { corrected: fields };
    }),
    restriction: onAccount(async (account) => {
      await choose(account, { processing: { ...account.processing, restricted: true } });
      return { restricted: true };
    }),
    objection: onAccount(async (account, request) => {
      await choose(account, { preferences: { ...account.preferences, marketingOptIn: false }, processing: { ...account.processing, objectedToProfiling: true } }, [
        withdrawalOf(account, request.requestId, nowIso()),
      ]);
      return { marketingOptIn: false, objectedToProfiling: true };
    }),
    withdraw_consent: onAccount(async (account, request) => {
      await choose(account, { preferences: { ...account.preferences, marketingOptIn: false }, processing: account.processing }, [
        withdrawalOf(account, request.requestId, nowIso()),
      ]);
      return { marketingConsentWithdrawn: true };
    }),
  };
};
