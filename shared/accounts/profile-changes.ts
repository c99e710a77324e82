import * as z from 'zod/mini';
import { e164, singleLineText as text } from '../text-fields';
import { atLeastOneField, email } from './schemas';

/** PATCH /me. */
export const profileChanges = z
  .strictObject({ company: z.optional(text(200)), contactName: z.optional(text(200)), phone: z.optional(e164), email: z.optional(email) })
  .check(atLeastOneField);
