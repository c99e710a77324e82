import { now } from '../clock';
import { logger } from '../logger';
import { BusinessRuleViolation, Conflict } from '../errors';
import { newCode, newId } from '../ids';
import { canonicalEmail, type Account, type ConsentRecord } from './account';
import { personEmailHash } from '../pseudonyms';
import type { ReferralStore } from '../referrals/ports';
import { FaxNumberUnavailable, UniqueValueTaken, type AccountStore } from './account-store';
import { accountCreated } from './provisioning';
import type { AccountEvents } from './ports';
import { takeSignUpAllowance, type SignUpLimitDeps } from './sign-up-limits';
import type { SignUpReceipt } from './schemas';
import type { SignUpForm } from './sign-up-form';

// A fresh referral code can collide with an existing one; a few tries make that vanishingly rare.
const REFERRAL_CODE_ATTEMPTS = 3;

const cardExpired = ({ expMonth, expYear }: SignUpForm['billing'], at: Date): boolean =>
  expYear < at.getUTCFullYear() || (expYear === at.getUTCFullYear() && expMonth < at.getUTCMonth() + 1);

const consentsGiven = (form: SignUpForm, recordedAt: string): ConsentRecord[] => {
  const version = form.consents.privacyPolicyVersion;
  const record = (kind: ConsentRecord['kind']): ConsentRecord => ({
    consentId: newId('cns'),
    kind,
    granted: true,
    version,
    recordedAt,
    method: 'account_set_up_form',
  });
  return [record('terms'), record('privacy_policy'), ...(form.consents.marketing ? [record('marketing')] : [])];
};

/**
 * The Account Set-Up Form. Every rule is checked before anything is written, so a refused
 * sign-up stores nothing; the store then claims email, fax number and referral code atomically.
 * The account is `pending` until its owner signs in with the invitation `account.created` leads
 * to. Every 201 ends in a login: the account is stored as awaiting its login, and should the
 * queue refuse the event, the re-drive sends it again (a 500 would only make the client's retry
 * a 409). Sign-ups that pass the form's rules are limited per source address and per email
 * (`takeSignUpAllowance`) before the store is read. A sign-up with a customer's referral code
 * names that customer's latest referral of its email (`referralId`), which its proof converts
 * (`ownAccount`): an unproven sign-up converts nothing. A code given with an email its customer
 * never invited names none; the account still names its referrer.
 */
export const signUp = async (
  { accounts, events, limits, referrals }: { accounts: AccountStore; events: AccountEvents; limits: SignUpLimitDeps; referrals: Pick<ReferralStore, 'latestOf'> },
  form: SignUpForm,
  request: { requestId: string; sourceIp: string },
): Promise<SignUpReceipt> => {
  if (!form.attestation.adultOrBusiness) {
    throw new BusinessRuleViolation('WestFax serves adults and businesses only: the attestation is required.');
  }
  if (!form.consents.terms) throw new BusinessRuleViolation('The terms must be accepted to open an account.');
  const at = now();
  if (cardExpired(form.billing, at)) throw new BusinessRuleViolation('The card has expired.');
  const email = canonicalEmail(form.email);
  await takeSignUpAllowance(limits, request.sourceIp, email, at);
  const referredByAccountId = form.referralCode
    ? await accounts.accountIdByReferralCode(form.referralCode.toUpperCase())
    : undefined;
  if (form.referralCode && !referredByAccountId) throw new BusinessRuleViolation('The referral code is not known.');
  const referral = referredByAccountId
    ? await referrals.latestOf(referredByAccountId, await personEmailHash(limits.pseudonymiser, email))
    : undefined;

  const createdAt = at.toISOString();
  const consents = consentsGiven(form, createdAt);
  for (let attempt = 1; ; attempt += 1) {
    const account: Account = {
      accountId: newId('acc'),
      company: form.company,
      contactName: form.contactName,
      phone: form.phone,
      email,
      faxNumber: form.faxNumber,
      status: 'pending',
      createdAt,
      updatedAt: createdAt,
      preferences: { marketingOptIn: form.consents.marketing, optOutAll: false, businessTransitionOptOut: false },
      processing: { restricted: false, objectedToProfiling: false },
      billing: form.billing,
      referralCode: newCode(8),
      ...(referredByAccountId ? { referredByAccountId } : {}),
      ...(referral ? { referralId: referral.referralId } : {}),
      policyVersion: form.consents.privacyPolicyVersion,
      version: 1,
    };
    try {
      await accounts.create(account, consents);
      await events.send(accountCreated(account.accountId), request.requestId).catch((error: unknown) => {
        logger.warn('The account is stored but its account.created event is not queued: the re-drive will send it', { accountId: account.accountId, error });
      });
      return { accountId: account.accountId, status: account.status };
    } catch (error) {
      if (error instanceof FaxNumberUnavailable) {
        throw new BusinessRuleViolation('The fax number is not available: choose one of GET /numbers/available.');
      }
      if (!(error instanceof UniqueValueTaken)) throw error;
      if (error.field === 'email') throw new Conflict('An account with this email already exists.');
      if (error.field === 'faxNumber') throw new Conflict('An account with this fax number already exists.');
      if (attempt === REFERRAL_CODE_ATTEMPTS) throw error;
    }
  }
};
