import * as z from 'zod/mini';
import { e164, singleLineText as text } from '../text-fields';
import { ACCOUNT_STATUSES } from './account';

// Request schemas of the accounts routes. Strict: an unknown field is a 400, never ignored.
const email = z.email('Must be an email address.').check(z.maxLength(254));
// Checked only when the fields themselves are valid: `{"x":1}` is an unknown field, not also an empty change.
const atLeastOneField = z.refine((value: unknown) => Object.keys(value as object).length > 0, {
  message: 'At least one field is required.',
  when: ({ issues }) => issues.length === 0,
});

const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay'] as const;
const cardExpiry = { expMonth: z.int().check(z.gte(1), z.lte(12)), expYear: z.int().check(z.gte(2000), z.lte(2200)) };

export const signUpForm = z.strictObject({
  company: text(200),
  contactName: text(200),
  phone: e164,
  email,
  faxNumber: e164,
  attestation: z.strictObject({ adultOrBusiness: z.boolean() }),
  consents: z.strictObject({ terms: z.boolean(), marketing: z.boolean(), privacyPolicyVersion: text(32) }),
  billing: z.strictObject({
    processorToken: z.string().check(z.regex(/^[A-Za-z0-9_-]{3,255}$/, 'Must be the payment processor token.')),
    brand: z.enum(CARD_BRANDS),
    last4: z.string().check(z.regex(/^\d{4}$/, 'Must be the last four digits.')),
    ...cardExpiry,
  }),
  referralCode: z.optional(z.string().check(z.regex(/^[0-9A-Za-z]{8}$/, 'Must be an 8-character referral code.'))),
});
export type SignUpForm = z.infer<typeof signUpForm>;

export const profileChanges = z
  .strictObject({ company: z.optional(text(200)), contactName: z.optional(text(200)), phone: z.optional(e164), email: z.optional(email) })
  .check(atLeastOneField);

export const preferenceChanges = z
  .strictObject({
    marketingOptIn: z.optional(z.boolean()),
    optOutAll: z.optional(z.boolean()),
    businessTransitionOptOut: z.optional(z.boolean()),
  })
  .check(atLeastOneField);
export type PreferenceChanges = z.infer<typeof preferenceChanges>;

// Response schemas: what the routes answer, for the OpenAPI document. Strict, so a field that
// must stay inside (the processor token) would break the contract the e2e tests check.
const accountStatus = z.enum(ACCOUNT_STATUSES);

/** POST /accounts. */
export const signUpReceipt = z.strictObject({ accountId: z.string(), status: accountStatus });
export type SignUpReceipt = z.infer<typeof signUpReceipt>;

/** PUT /me/preferences, and part of the profile. */
export const preferenceSettings = z.strictObject({ marketingOptIn: z.boolean(), optOutAll: z.boolean(), businessTransitionOptOut: z.boolean() });

/** GET and PATCH /me: the customer's view of their account, everything but the processor token. */
export const profile = z.strictObject({
  accountId: z.string(),
  company: z.string(),
  contactName: z.string(),
  phone: e164,
  email: z.string(),
  faxNumber: e164,
  status: accountStatus,
  createdAt: z.iso.datetime(),
  preferences: preferenceSettings,
  processing: z.strictObject({ restricted: z.boolean(), objectedToProfiling: z.boolean() }),
  billing: z.strictObject({ brand: z.string(), last4: z.string(), ...cardExpiry }),
  referralCode: z.string(),
});
export type Profile = z.infer<typeof profile>;

/** DELETE /me. */
export const deactivation = z.strictObject({ status: z.literal('deactivated') });
