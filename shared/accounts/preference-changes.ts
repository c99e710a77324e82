import * as z from 'zod/mini';
import { schema } from '../schema';
import { atLeastOneField } from './schemas';

/** PUT /me/preferences. */
export const preferenceChanges = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      marketingOptIn: z.optional(z.boolean()),
      optOutAll: z.optional(z.boolean()),
      businessTransitionOptOut: z.optional(z.boolean()),
    })
    .check(atLeastOneField),
);
export type PreferenceChanges = z.infer<typeof preferenceChanges>;
