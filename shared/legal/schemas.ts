import * as z from 'zod/mini';
import { atLeastOneField, email } from '../accounts/schemas';
import { pageQuery } from '../http/pagination';
import { resourceId } from '../http/path';
import { idShape } from '../ids';
import { pageSchema } from '../pages';
import { schema } from '../schema';
import { e164, freeText, singleLineText } from '../text-fields';
import { LEGAL_STATUSES } from './request';
import { LEGAL_CATEGORIES, LEGAL_KINDS, MINIMUM_FEE_CENTS } from './rules';

// The admin routes of legal requests (API.md, "Legal requests (admin)"). Strict, as every request
// and response; response schemas are lazy (only the OpenAPI generator builds them).

export const LEGAL_REQUEST_ID_PREFIX = 'lgr';

/** A document reference (`subpoena.pdf`): where the written request is filed, never fetched. */
const documentRef = /* @__PURE__ */ schema(() => singleLineText(200));
const instant = /* @__PURE__ */ schema(() => z.iso.datetime({ offset: false }));

/** POST /admin/legal-requests. */
export const newLegalRequest = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      kind: z.enum(LEGAL_KINDS),
      receivedInWriting: z.boolean().check(z.describe('The policy: every request is in writing (422 otherwise).')),
      requester: z.strictObject({
        name: singleLineText(200),
        organization: singleLineText(200),
        email,
        address: freeText(1000),
      }),
      subject: z
        .strictObject({
          email: z.optional(email),
          faxNumber: z.optional(e164),
          accountId: z.optional(z.string().check(z.regex(idShape('acc'), 'Must be an account id (acc_…).'))),
        })
        .check(atLeastOneField, z.describe('Whose data is sought: an email, a fax number or an account id (at least one).')),
      scope: z
        .strictObject({
          from: z.optional(instant),
          to: z.optional(instant),
          categories: z.array(z.enum(LEGAL_CATEGORIES)).check(z.minLength(1), z.maxLength(LEGAL_CATEGORIES.length)),
        })
        .check(
          z.refine((scope) => scope.from === undefined || scope.to === undefined || scope.from <= scope.to, { message: 'from must not be after to.', path: ['from'] }),
          z.refine((scope) => new Set(scope.categories).size === scope.categories.length, { message: 'Each category once.', path: ['categories'] }),
        ),
      documentRefs: z.array(documentRef).check(z.minLength(1), z.maxLength(20)),
      consentDocumentRef: z.optional(documentRef),
      noticeProhibited: z.optional(z.boolean()),
    }),
);

export const legalRequestPath = /* @__PURE__ */ schema(() => z.strictObject({ id: resourceId(LEGAL_REQUEST_ID_PREFIX, 'legal request') }));

/** POST …/fee: what the requester paid, in US cents. */
export const legalFee = /* @__PURE__ */ schema(() =>
  z.strictObject({ amountCents: z.int().check(z.gte(0), z.lte(100_000_000), z.describe(`At least ${MINIMUM_FEE_CENTS} (422 below).`)) }),
);

/** POST …/object and …/reject: why. */
const legalClosing = /* @__PURE__ */ schema(() => z.strictObject({ reason: freeText(1000) }));

/** The route that closes a request (`object`: vague, overbroad, undue burden; `reject`: invalid, quashed, withdrawn), with a reason. */
export const legalClosingTrigger = <Outcome extends 'object' | 'reject'>(outcome: Outcome) =>
  ({
    kind: 'http',
    method: 'POST',
    path: `/admin/legal-requests/{id}/${outcome}`,
    auth: 'admin',
    // A reason of 1,000 characters, each up to 6 bytes as a JSON escape.
    bodyLimitBytes: 8 * 1024,
    body: legalClosing,
    pathParameters: legalRequestPath,
    problems: [404, 409],
  }) as const;

/** GET /admin/legal-requests. */
export const legalRequestsQuery = /* @__PURE__ */ schema(() =>
  z.extend(pageQuery, { status: z.enum(LEGAL_STATUSES).check(z.describe('The status of the requests listed (oldest first).')) }),
);

const withheld = /* @__PURE__ */ z.lazy(() => z.strictObject({ category: z.enum(LEGAL_CATEGORIES), reason: z.string() }));

/** What an admin sees of a legal request. */
export const legalRequestView = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    legalRequestId: z.string(),
    kind: z.enum(LEGAL_KINDS),
    status: z.enum(LEGAL_STATUSES),
    requester: z.strictObject({ name: z.string(), organization: z.string(), email: z.string(), address: z.string() }),
    subject: z.strictObject({ email: z.optional(z.string()), faxNumber: z.optional(z.string()), accountId: z.optional(z.string()) }),
    accountId: z.optional(z.string()),
    scope: z.strictObject({ from: z.optional(z.string()), to: z.optional(z.string()), categories: z.array(z.enum(LEGAL_CATEGORIES)) }),
    documentRefs: z.array(z.string()),
    consentDocumentRef: z.optional(z.string()),
    noticeProhibited: z.boolean(),
    notice: z.enum(['owed', 'prohibited', 'not_owed', 'no_customer']),
    withheld: z.array(withheld),
    feeDueCents: z.int(),
    receivedAt: z.string(),
    quashEndsAt: z.optional(z.string()),
    feePaidCents: z.optional(z.int()),
    feePaidAt: z.optional(z.string()),
    producedAt: z.optional(z.string()),
    production: z.optional(z.strictObject({ url: z.string(), expiresAt: z.string(), counts: z.record(z.string(), z.int()) })),
    closedAt: z.optional(z.string()),
    closingReason: z.optional(z.string()),
    holdEndsAt: z.optional(z.string()),
    faxHolds: z.optional(z.enum(['pending', 'placed', 'released']).check(z.describe("The hold on the subject's faxes: placed (they outlive their retention), then released when the hold ends."))),
    audit: z.optional(z.array(z.strictObject({ action: z.string(), actor: z.record(z.string(), z.string()), at: z.string(), reason: z.optional(z.string()) }))),
  }),
);

export const legalRequestPage = /* @__PURE__ */ z.lazy(() => pageSchema(legalRequestView));

/** POST /admin/legal-requests answers. */
export const legalRequestCreated = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ legalRequestId: z.string(), status: z.enum(LEGAL_STATUSES), feeDueCents: z.int(), withheld: z.array(withheld) }),
);

/** POST …/produce answers. */
export const legalProduction = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ production: z.strictObject({ url: z.string(), expiresAt: z.string() }), counts: z.record(z.string(), z.int()) }),
);
