import * as z from 'zod/mini';
import { schema } from '../schema';
import { USAGE_DIMENSIONS } from './usage';

/** GET /admin/reports/usage?by=month|areaCode: required, nothing else is a report. */
export const usageQuery = /* @__PURE__ */ schema(() => z.object({
  by: z.enum(USAGE_DIMENSIONS).check(z.describe('month: each closed month (yyyy-mm); areaCode: the latest closed month by the area code of the accounts’ fax numbers (other: the smaller ones together).')),
}));

/** The report: published cells only, no identifiers. */
export const usageReportSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    cells: z.array(z.strictObject({ key: z.string(), accounts: z.int(), faxes: z.int() })),
    suppressedBelow: z.int(),
  }),
);
