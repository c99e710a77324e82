import * as z from 'zod/mini';
import { schema } from '../schema';
import { e164, singleLineText as text } from '../text-fields';
import { cardExpiry, email } from './schemas';

const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay'] as const;

/** POST /accounts. */
export const signUpForm = /* @__PURE__ */ schema(() => z.strictObject({
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
}));
export type SignUpForm = z.infer<typeof signUpForm>;
