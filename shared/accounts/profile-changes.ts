import * as z from 'zod/mini';
import { schema } from '../schema';
import { e164, singleLineText as text } from '../text-fields';
import { atLeastOneField, email } from './schemas';

/** The profile fields a customer may correct (PATCH /me, a rectification request): not the email, which needs its code. */
export const correctableProfileFields = /* @__PURE__ */ schema(() => ({ company: z.optional(text(200)), contactName: z.optional(text(200)), phone: z.optional(e164) }));

/** PATCH /me. */
export const profileChanges = /* @__PURE__ */ schema(() => z.strictObject({ ...correctableProfileFields, email: z.optional(email) }).check(atLeastOneField));
