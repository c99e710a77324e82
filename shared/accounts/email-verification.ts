import * as z from 'zod/mini';
import { schema } from '../schema';
import { oneTimeCode } from '../one-time-codes';

/** POST /me/email/verify: the code emailed to the new address. */
export const emailVerification = /* @__PURE__ */ schema(() => z.strictObject({ code: oneTimeCode }));
