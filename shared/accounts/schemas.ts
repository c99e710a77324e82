import * as z from 'zod/mini';

// The pieces the accounts routes' request schemas share. Each route's schema has its own module
// (sign-up-form.ts, profile-changes.ts, preference-changes.ts), so a function builds only its own
// at load. Strict: an unknown field is a 400, never ignored.
export const email = z.email('Must be an email address.').check(z.maxLength(254));
export const atLeastOneField = z.refine((value: unknown) => Object.keys(value as object).length > 0, 'At least one field is required.');
