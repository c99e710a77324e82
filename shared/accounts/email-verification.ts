import * as z from 'zod/mini';
import { oneTimeCode } from '../one-time-codes';

/** POST /me/email/verify: the code emailed to the new address. */
export const emailVerification = z.strictObject({ code: oneTimeCode });
