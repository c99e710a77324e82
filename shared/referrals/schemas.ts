import * as z from 'zod/mini';
import { email } from '../accounts/schemas';
import { pageSchema } from '../pages';
import { schema } from '../schema';
import { singleLineText } from '../text-fields';
import { REFERRAL_STATUSES } from './referral';

/** POST /referrals. */
export const referralForm = /* @__PURE__ */ schema(() => z.strictObject({ friendName: singleLineText(200), friendEmail: email }));

// Response schemas, lazy: only the OpenAPI generator builds them.
/** POST /referrals: the same whether or not an invitation went out. */
export const referralReceipt = /* @__PURE__ */ z.lazy(() => z.strictObject({ referralId: z.string() }));

/** GET /referrals. */
export const referralPage = /* @__PURE__ */ z.lazy(() =>
  pageSchema(
    z.strictObject({
      referralId: z.string(),
      friendName: z.string(),
      friendEmail: z.string(),
      status: z.enum(REFERRAL_STATUSES),
      createdAt: z.iso.datetime(),
      convertedAt: z.optional(z.iso.datetime()),
    }),
  ),
);
