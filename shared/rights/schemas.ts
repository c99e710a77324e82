import * as z from 'zod/mini';
import { schema } from '../schema';
import { resourceId } from '../http/path';
import { correctableProfileFields } from '../accounts/profile-changes';
import { atLeastOneField, email } from '../accounts/schemas';
import { oneTimeCode } from '../one-time-codes';
import { freeText } from '../text-fields';
import { RIGHTS_STATUSES, RIGHTS_TYPES } from './request';

/** A rights request's id prefix (`rrq_01J…`). */
export const RIGHTS_REQUEST_ID_PREFIX = 'rrq';
/** The longest `details` a requester may write: a few paragraphs. */
const DETAILS_MAX_CHARACTERS = 4000;

/**
 * POST /rights-requests. Strict: `corrections` (the profile fields a customer may correct, never
 * the email, which has its own proof) come with a rectification and only with one.
 */
export const rightsRequestForm = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      type: z.enum(RIGHTS_TYPES),
      email,
      details: z.optional(freeText(DETAILS_MAX_CHARACTERS)),
      corrections: z.optional(z.strictObject(correctableProfileFields).check(atLeastOneField)),
    })
    .check(
      z.refine((form) => (form.type === 'rectification') === (form.corrections !== undefined), {
        message: 'A rectification request needs corrections; other requests take none.',
        path: ['corrections'],
        when: ({ issues }) => issues.length === 0,
      }),
    ),
);
export type RightsRequestForm = z.infer<typeof rightsRequestForm>;


/** POST /admin/child-data-reports: the email of the child whose data is to be erased. */
export const childDataReport = /* @__PURE__ */ schema(() => z.strictObject({ email }));
export type ChildDataReport = z.infer<typeof childDataReport>;

/** POST /admin/child-data-reports: the erasure request it filed. */
export const childDataReportReceipt = /* @__PURE__ */ z.lazy(() => z.strictObject({ requestId: z.string() }));

/** POST /rights-requests/{id}/verify: the code emailed to the request's address. */
export const rightsRequestVerification = /* @__PURE__ */ schema(() => z.strictObject({ code: oneTimeCode }));

/** GET /rights-requests/{id}/export: the signed token of the emailed link (shared/rights/export-link.ts). */
export const exportLinkQuery = /* @__PURE__ */ schema(() => z.strictObject({ token: z.string() }));

/** The path of a request's routes. */
export const rightsRequestPath = /* @__PURE__ */ schema(() => z.strictObject({ id: resourceId(RIGHTS_REQUEST_ID_PREFIX, 'rights request') }));

// Response schemas, lazy: only the OpenAPI generator builds them.
const rightsType = () => z.enum(RIGHTS_TYPES);
const rightsStatus = () => z.enum(RIGHTS_STATUSES);

/** POST /rights-requests: the receipt; `requestToken` only for a request awaiting its code. */
export const rightsRequestReceipt = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    requestId: z.string(),
    type: rightsType(),
    status: rightsStatus(),
    dueAt: z.iso.datetime(),
    requestToken: z.optional(z.string()),
  }),
);
export type RightsRequestReceipt = z.infer<typeof rightsRequestReceipt>;

/** POST /rights-requests/{id}/verify. */
export const rightsRequestVerified = /* @__PURE__ */ z.lazy(() => z.strictObject({ status: rightsStatus() }));

const rightsRequestStatusObject = () =>
  z.strictObject({
    requestId: z.string(),
    type: rightsType(),
    status: rightsStatus(),
    createdAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
    completedAt: z.optional(z.iso.datetime()),
    /** What fulfilment produced (an export's link, where to complain). */
    result: z.optional(z.record(z.string(), z.unknown())),
  });

/** GET /rights-requests/{id}. */
export const rightsRequestStatus = /* @__PURE__ */ z.lazy(rightsRequestStatusObject);

/** Who did something to a request, as its audit trail holds it (shared/audit/trail.ts `Actor`). */
const auditActor = () =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('requester') }),
    z.strictObject({ kind: z.literal('customer'), accountId: z.string() }),
    z.strictObject({ kind: z.literal('admin'), adminId: z.string() }),
    z.strictObject({ kind: z.literal('service'), name: z.string() }),
  ]);

/** GET /admin/rights-requests/{id}: the request as its requester sees it, and its audit trail, oldest first. */
export const adminRightsRequest = /* @__PURE__ */ z.lazy(() =>
  z.extend(rightsRequestStatusObject(), {
    audit: z.array(z.strictObject({ action: z.string(), actor: auditActor(), at: z.iso.datetime(), reason: z.optional(z.string()) })),
  }),
);
