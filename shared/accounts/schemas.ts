import * as z from 'zod/mini';
import { schema } from '../schema';
import { e164 } from '../text-fields';
import { ACCOUNT_STATUSES } from './account';

// The pieces the accounts routes' request schemas share. Each route's request schema has its own
// module (sign-up-form.ts, profile-changes.ts, preference-changes.ts), so a function builds only its
// own at load. Strict: an unknown field is a 400, never ignored.
export const email = /* @__PURE__ */ schema(() => z.email('Must be an email address.').check(z.maxLength(254)));
// Checked only when the fields themselves are valid: `{"x":1}` is an unknown field, not also an empty change.
export const atLeastOneField = /* @__PURE__ */ schema(() => z.refine((value: unknown) => Object.keys(value as object).length > 0, {
  message: 'At least one field is required.',
  when: ({ issues }) => issues.length === 0,
}));

export const cardExpiry = /* @__PURE__ */ schema(() => ({ expMonth: z.int().check(z.gte(1), z.lte(12)), expYear: z.int().check(z.gte(2000), z.lte(2200)) }));

// Response schemas: what the routes answer, for the OpenAPI document. Strict, so a field that
// must stay inside (the processor token) would break the contract the e2e tests check. Lazy: only
// the OpenAPI generator builds them (README, "Cold-start budget").
const accountStatus = () => z.enum(ACCOUNT_STATUSES);

/** POST /accounts. */
export const signUpReceipt = /* @__PURE__ */ z.lazy(() => z.strictObject({ accountId: z.string(), status: accountStatus() }));
export type SignUpReceipt = z.infer<typeof signUpReceipt>;

const preferenceFields = () => z.strictObject({ marketingOptIn: z.boolean(), optOutAll: z.boolean(), businessTransitionOptOut: z.boolean() });

/** PUT /me/preferences, and part of the profile. */
export const preferenceSettings = /* @__PURE__ */ z.lazy(preferenceFields);

/** GET and PATCH /me: the customer's view of their account, everything but the processor token. */
export const profile = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    accountId: z.string(),
    company: z.string(),
    contactName: z.string(),
    phone: e164,
    email: z.string(),
    faxNumber: e164,
    status: accountStatus(),
    createdAt: z.iso.datetime(),
    preferences: preferenceFields(),
    processing: z.strictObject({ restricted: z.boolean(), objectedToProfiling: z.boolean() }),
    billing: z.strictObject({ brand: z.string(), last4: z.string(), ...cardExpiry }),
    referralCode: z.string(),
    /** A new email awaiting its code (`POST /me/email/verify`); the account's email is still `email`. */
    pendingEmail: z.optional(z.string()),
  }),
);
export type Profile = z.infer<typeof profile>;

/** DELETE /me. */
export const deactivation = /* @__PURE__ */ z.lazy(() => z.strictObject({ status: z.literal('deactivated') }));
