import * as z from 'zod/mini';
import { atLeastOneField } from './schemas';

/** PUT /me/preferences. */
export const preferenceChanges = z
  .strictObject({
    marketingOptIn: z.optional(z.boolean()),
    optOutAll: z.optional(z.boolean()),
    businessTransitionOptOut: z.optional(z.boolean()),
  })
  .check(atLeastOneField);
export type PreferenceChanges = z.infer<typeof preferenceChanges>;
