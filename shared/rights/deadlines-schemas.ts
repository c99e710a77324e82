import * as z from 'zod/mini';
import { schema } from '../schema';
import { pageQuery } from '../http/pagination';
import { pageSchema } from '../pages';
import { freeText } from '../text-fields';
import { ANSWER_OWED_STATUSES, RIGHTS_STATUSES, RIGHTS_TYPES } from './request';

// The admin routes of the deadlines: GET /admin/rights-requests and POST …/{id}/extend. Strict, as
// every request and response; response schemas are lazy (only the OpenAPI generator builds them).

/** The longest reason an admin may give for an extension: a paragraph or two, emailed as written. */
const EXTENSION_REASON_MAX_CHARACTERS = 1000;

/** POST /admin/rights-requests/{id}/extend: why the request needs two more months (emailed to the requester). */
export const rightsRequestExtension = /* @__PURE__ */ schema(() => z.strictObject({
  reason: freeText(EXTENSION_REASON_MAX_CHARACTERS).check(
    z.describe(`Why the request needs more time, 1 to ${EXTENSION_REASON_MAX_CHARACTERS} characters: emailed to the requester as written.`),
  ),
}));

/** `?overdue=` of the listing. */
export const OVERDUE_FILTERS = ['true', 'false'] as const;

/** GET /admin/rights-requests: the page query, the one status listed, and optionally only the overdue (or not overdue) ones. */
export const rightsRequestsQuery = /* @__PURE__ */ schema(() => z.extend(pageQuery, {
  status: z.enum(RIGHTS_STATUSES).check(z.describe('The status of the requests listed (earliest due first).')),
  overdue: z.optional(
    z
      .enum(OVERDUE_FILTERS)
      .check(z.describe(`true: only those past their due date; false: only those not. Only with a status owed an answer (${ANSWER_OWED_STATUSES.join(', ')}).`)),
  ),
}));

/** What an admin sees of a request: its dates and deadline, never its requester. */
export const adminRightsRequest = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    requestId: z.string(),
    type: z.enum(RIGHTS_TYPES),
    status: z.enum(RIGHTS_STATUSES),
    createdAt: z.iso.datetime(),
    dueAt: z.iso.datetime().check(z.describe('When the answer is due: one month after receipt, three once extended.')),
    overdue: z.boolean().check(z.describe('Owed an answer (verified or in progress) and past its due date.')),
    overdueAt: z.optional(z.iso.datetime().check(z.describe('When the deadlines schedule found it overdue and told the admins; kept once answered.'))),
    extendedAt: z.optional(z.iso.datetime()),
    extensionReason: z.optional(z.string()),
    completedAt: z.optional(z.iso.datetime()),
    rejectedAt: z.optional(z.iso.datetime()),
  }),
);
export type AdminRightsRequest = z.infer<typeof adminRightsRequest>;

export const adminRightsRequestPage = /* @__PURE__ */ z.lazy(() => pageSchema(adminRightsRequest));
