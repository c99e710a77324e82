import * as z from 'zod/mini';
import { schema } from '../schema';
import { resourceId } from '../http/path';
import { email } from '../accounts/schemas';
import { pageQuery } from '../http/pagination';
import { idShape } from '../ids';
import { pageSchema } from '../pages';
import { e164, freeText, singleLineText } from '../text-fields';
import { JUNK_CASE_STATUSES } from './case';

/** A junk-fax report's and a case's id prefixes (`jfr_01J…`, `jfc_01J…`). */
export const JUNK_REPORT_ID_PREFIX = 'jfr';
export const JUNK_CASE_ID_PREFIX = 'jfc';

const DESCRIPTION_MAX_CHARACTERS = 2000;
const NAME_MAX_CHARACTERS = 200;
/** An admin's reason: why a case was dismissed or a client deactivated (the audit trail keeps it; the client is emailed it). */
const REASON_MAX_CHARACTERS = 1000;

/**
 * POST /junk-fax-reports. Strict; `faxId` and `blockSender` are a customer's (the edge cannot
 * tell, the rules can). With `faxId`, the fax's own sender, recipient, station id and time are
 * the report's, whatever the body says.
 */
export const junkFaxReportForm = /* @__PURE__ */ schema(() => z.strictObject({
  senderFaxNumber: e164,
  recipientFaxNumber: z.optional(e164),
  receivedAt: z.optional(z.iso.datetime()),
  reporterName: z.optional(singleLineText(NAME_MAX_CHARACTERS)),
  reporterEmail: z.optional(email),
  description: z.optional(freeText(DESCRIPTION_MAX_CHARACTERS)),
  faxId: z.optional(z.string().check(z.regex(idShape('fax'), 'Must be a fax id.'))),
  blockSender: z.optional(z.boolean()),
}));
export type JunkFaxReportForm = z.infer<typeof junkFaxReportForm>;

/** POST /junk-fax-reports: the report's id. */
export const junkFaxReportReceipt = /* @__PURE__ */ z.lazy(() => z.strictObject({ reportId: z.string() }));

const caseStatus = /* @__PURE__ */ schema(() => z.enum(JUNK_CASE_STATUSES));

/** GET /admin/junk-fax-cases?status= (default `escalated`). */
export const junkCaseQuery = /* @__PURE__ */ schema(() => z.extend(pageQuery, {
  status: z._default(caseStatus, 'escalated').check(z.describe('The status of the cases listed (default escalated).')),
}));

/** The path of a case's routes. */
export const junkCasePath = /* @__PURE__ */ schema(() => z.strictObject({
  caseId: resourceId(JUNK_CASE_ID_PREFIX, 'junk-fax case'),
}));

/** An admin's decision, with why. */
export const adminDecision = /* @__PURE__ */ schema(() => z.strictObject({ reason: singleLineText(REASON_MAX_CHARACTERS) }));

/** The path of an account an admin acts on. */
export const adminAccountPath = /* @__PURE__ */ schema(() => z.strictObject({
  accountId: resourceId('acc', 'account'),
}));

const junkCase = () =>
  z.strictObject({
    caseId: z.string(),
    senderFaxNumber: z.string(),
    accountId: z.optional(z.string()),
    reportCount: z.int(),
    distinctReporters: z.int(),
    status: z.enum(JUNK_CASE_STATUSES),
    firstReportedAt: z.iso.datetime(),
    lastReportedAt: z.iso.datetime(),
  });
export type JunkCaseView = z.infer<ReturnType<typeof junkCase>>;

/** A case, as admins see it: counts, never who reported. */
export const junkCaseItem = /* @__PURE__ */ z.lazy(junkCase);
export const junkCasePage = /* @__PURE__ */ z.lazy(() => pageSchema(junkCase()));

/** POST /admin/accounts/{accountId}/deactivate. */
export const adminDeactivation = /* @__PURE__ */ z.lazy(() => z.strictObject({ accountId: z.string(), status: z.literal('deactivated'), deactivatedAt: z.iso.datetime() }));
