import * as z from 'zod/mini';
import { schema } from '../schema';
import { pageQuery } from '../http/pagination';
import { pageSchema } from '../pages';
import { e164 } from '../text-fields';
import { AREA_CODE, MAX_NUMBERS_PER_ADD, NUMBER_STATUSES } from './number';

// The number inventory routes' schemas. Strict, as every request and response. Response schemas
// are lazy: only the OpenAPI generator builds them (README, "Cold-start budget").

const numberStatus = /* @__PURE__ */ schema(() => z.enum(NUMBER_STATUSES));

/** POST /admin/numbers. */
export const numbersToAdd = /* @__PURE__ */ schema(() => z.strictObject({
  numbers: z.array(e164).check(z.minLength(1), z.maxLength(MAX_NUMBERS_PER_ADD), z.describe(`1 to ${MAX_NUMBERS_PER_ADD} E.164 numbers; one listed twice counts once.`)),
}));
export const numbersAdded = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    added: z.int().check(z.describe('Numbers that were not in the inventory: now available.')),
    alreadyPresent: z.int().check(z.describe('Numbers already in the inventory, whatever their status: left as they were.')),
  }),
);

/** GET /admin/numbers: the page query and the one status listed. */
export const inventoryQuery = /* @__PURE__ */ schema(() => z.extend(pageQuery, { status: numberStatus.check(z.describe('The status of the numbers listed.')) }));
export const inventoryPage = /* @__PURE__ */ z.lazy(() =>
  pageSchema(
    z.strictObject({
      faxNumber: e164,
      status: numberStatus,
      addedAt: z.iso.datetime(),
      accountId: z.optional(z.string().check(z.describe('The account that holds the number, while assigned.'))),
      quarantinedUntil: z.optional(z.iso.datetime().check(z.describe('When the quarantine ends, while quarantined.'))),
    }),
  ),
);

/** GET /numbers/available: the page query and an optional area code. */
export const availableQuery = /* @__PURE__ */ schema(() => z.extend(pageQuery, {
  areaCode: z.optional(
    z
      .string()
      .check(
        z.regex(AREA_CODE, 'Must be a North American area code: three digits, the first 2 to 9.'),
        z.describe('A North American (NANP) area code, three digits: lists only the numbers +1<areaCode>…'),
      ),
  ),
}));
export const availablePage = /* @__PURE__ */ z.lazy(() => pageSchema(z.strictObject({ faxNumber: e164 })));
