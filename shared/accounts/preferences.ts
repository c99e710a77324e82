import type { Actor, AuditEntry } from '../audit/trail';
import { nowIso } from '../clock';
import { BusinessRuleViolation } from '../errors';
import { newId } from '../ids';
import type { Account, ConsentRecord, Preferences } from './account';
import type { AccountStore } from './account-store';
import type { PreferenceChanges } from './preference-changes';

/** How a customer made a choice: signed in (`PUT /me/preferences`), or by a signed link of an email (`POST /unsubscribe`). */
export interface ChoiceMade {
  method: Extract<ConsentRecord['method'], 'preferences' | 'email_link'>;
  actor: Actor;
}

/** Each preference that is a consent given or withdrawn: its consent record's kind, and whether the preference's value grants it. */
const CONSENTS = [
  { preference: 'marketingOptIn', kind: 'marketing', grantedWhen: true },
  { preference: 'optOutAll', kind: 'communications', grantedWhen: false },
  { preference: 'businessTransitionOptOut', kind: 'business_transition', grantedWhen: false },
] as const satisfies readonly { preference: keyof Preferences; kind: ConsentRecord['kind']; grantedWhen: boolean }[];

/**
 * Applies a customer's choices to their account, however they made them: marketing, all
 * communication, the business transition. Every choice that changes is a consent record (exported
 * with the account's consents) and an entry of the account's audit trail, written with the
 * account at once; a choice already as asked writes nothing (a second click changes nothing).
 * Opting out of everything withdraws marketing too; marketing cannot be chosen while opted out of
 * everything or while processing is restricted (422). The account's version guards the write.
 */
export const changePreferences = async (accounts: AccountStore, current: Account, changes: PreferenceChanges, how: ChoiceMade): Promise<Preferences> => {
  const optOutAll = changes.optOutAll ?? current.preferences.optOutAll;
  if (changes.marketingOptIn === true && optOutAll) {
    throw new BusinessRuleViolation('Marketing cannot be chosen while opted out of all communication.');
  }
  if (changes.marketingOptIn === true && current.processing.restricted) {
    throw new BusinessRuleViolation('Processing is restricted for this account: no marketing.');
  }
  const preferences: Preferences = {
    // Opting out of everything includes marketing.
    marketingOptIn: optOutAll ? false : (changes.marketingOptIn ?? current.preferences.marketingOptIn),
    optOutAll,
    businessTransitionOptOut: changes.businessTransitionOptOut ?? current.preferences.businessTransitionOptOut,
  };
  const changed = CONSENTS.filter(({ preference }) => preferences[preference] !== current.preferences[preference]);
  if (changed.length === 0) return current.preferences;
  const at = nowIso();
  const consents = changed.map(({ preference, kind, grantedWhen }): ConsentRecord => ({
    consentId: newId('cns'),
    kind,
    granted: preferences[preference] === grantedWhen,
    version: current.policyVersion,
    recordedAt: at,
    method: how.method,
  }));
  const audit = consents.map(({ kind, granted }): AuditEntry => ({
    subject: `account:${current.accountId}`,
    action: `${kind.replace('_', '-')}-consent-${granted ? 'given' : 'withdrawn'}`,
    actor: how.actor,
    at,
  }));
  const updated = await accounts.updatePreferences(current, preferences, consents, at, current.processing, audit);
  return updated.preferences;
};
