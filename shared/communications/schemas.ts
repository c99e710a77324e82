import * as z from 'zod/mini';
import { schema } from '../schema';

/** `?token=` of an emailed link (`/unsubscribe`, `/referrals/opt-out`): a missing or malformed one is the same 404 as a forged one. */
export const linkQuery = /* @__PURE__ */ schema(() =>
  z.object({ token: z.optional(z.string().check(z.describe('The signed token, exactly as the email links it.'))) }),
);

/**
 * What a one-click unsubscribe may carry (RFC 8058): no body, or the form mail providers POST,
 * `List-Unsubscribe=One-Click`. Anything else in a form is a 400; a body of another type a 415.
 */
export const oneClickForm = /* @__PURE__ */ schema(() => z.strictObject({ 'List-Unsubscribe': z.optional(z.literal('One-Click')) }));

/** The largest one-click body taken: the form is 26 bytes. */
export const ONE_CLICK_BODY_LIMIT_BYTES = 256;

// Response schema, lazy: only the OpenAPI generator builds it.
/** What a link does (`GET`) or did (`POST`): the choice and its effect in words, never whose address it is. */
export const linkChoice = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ choice: z.enum(['opt_out_all', 'business_transition_opt_out', 'referral_opt_out']), effect: z.string() }),
);
