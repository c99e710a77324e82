import * as z from 'zod/mini';

/** POST /me/email/verify: the code emailed to the new address. */
export const emailVerification = z.strictObject({ code: z.string().check(z.regex(/^\d{6}$/, 'Must be the 6-digit code.')) });
