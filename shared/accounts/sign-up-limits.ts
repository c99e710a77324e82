import { mailboxOf } from '../email-identity';
import type { Pseudonymiser } from '../pseudonyms';
import { DAY_MS, takeOrRefuse, type Throttle } from '../throttle';

/** Sign-ups a day from one source address (`SIGN_UPS_PER_SOURCE_PER_DAY` overrides it, e.g. for a shared NAT). */
export const DEFAULT_SIGN_UPS_PER_SOURCE_PER_DAY = 5;
/** Sign-ups a day for one email (one mailbox: its `+tag` variants and Gmail's dotted spellings counting as one, `mailboxOf`). */
export const SIGN_UPS_PER_EMAIL_PER_DAY = 3;

export interface SignUpLimitDeps {
  throttle: Throttle;
  pseudonymiser: Pseudonymiser;
  perSourcePerDay: number;
}

// The limit's own digest purpose: the keys can be joined with nothing else.
const keyOf = (pseudonymiser: Pseudonymiser, kind: 'source' | 'email', value: string) => pseudonymiser.pseudonym('sign-up-limit-v1', [kind, value]);

/**
 * Unproven sign-ups hold a number for 7 days, so sign-ups are limited per source address and per
 * email, per UTC day: each attempt that passes the form's rules counts (atomically, in the
 * throttle's window item), before anything about the email is read, so the 429 comes alike
 * whether or not the email has an account, and probing emails from one address is limited too.
 * The keys are keyed digests, never the address or the email.
 */
export const takeSignUpAllowance = async (deps: SignUpLimitDeps, sourceIp: string, canonicalEmail: string, at: Date): Promise<void> => {
  const refusal = 'Too many sign-ups from this address or for this email today: try again tomorrow.';
  await takeOrRefuse(deps.throttle, await keyOf(deps.pseudonymiser, 'source', sourceIp), deps.perSourcePerDay, DAY_MS, at, refusal);
  await takeOrRefuse(deps.throttle, await keyOf(deps.pseudonymiser, 'email', mailboxOf(canonicalEmail)), SIGN_UPS_PER_EMAIL_PER_DAY, DAY_MS, at, refusal);
};
