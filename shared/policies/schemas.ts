import * as z from 'zod/mini';
import { resourceKey } from '../http/path';
import { schema } from '../schema';
import { freeText } from '../text-fields';
import { POLICY_KINDS, POLICY_VERSION } from './policy';

// The routes of policy versions (API.md, "Policy changes and communications"). Strict, as every
// request; response schemas are lazy (only the OpenAPI generator builds them).

/** The longest summary of a change: a few paragraphs, emailed to every customer as written. */
const SUMMARY_MAX_CHARACTERS = 4000;
/** The longest link to the policy's full text. */
const URL_MAX_CHARACTERS = 2048;

const version = () =>
  z.string().check(z.regex(POLICY_VERSION, 'Must be a version such as 2026-01, 2026-01-15 or 2026-01.2.'), z.describe('The version: YYYY-MM, optionally -DD and a revision .N.'));

/** POST /admin/policies. */
export const policyPublication = /* @__PURE__ */ schema(() => z.strictObject({
  version: version(),
  effectiveAt: z.iso.datetime().check(z.describe('When the version takes effect (UTC): not in the past; the notices go out at once.')),
  summary: freeText(SUMMARY_MAX_CHARACTERS).check(z.describe('What changes, emailed to every customer as written.')),
  url: z.optional(z.url({ protocol: /^https$/, hostname: z.regexes.domain }).check(z.maxLength(URL_MAX_CHARACTERS), z.describe('Where the whole policy is published (https).'))),
  kind: z.enum(POLICY_KINDS),
}));

/** `{version}` of GET /admin/policies/{version}/notifications: a malformed version names no version (404). */
export const policyVersionPath = /* @__PURE__ */ schema(() => z.strictObject({ version: resourceKey(POLICY_VERSION, 'policy version') }));

const viewFields = () => ({
  version: z.string(),
  effectiveAt: z.iso.datetime(),
  summary: z.string(),
  url: z.optional(z.string()),
  kind: z.enum(POLICY_KINDS),
});

/** A version as anyone reads it. */
export const policyVersionView = /* @__PURE__ */ z.lazy(() => z.strictObject(viewFields()));

/** A version as published (POST /admin/policies answers it). */
export const publishedPolicy = /* @__PURE__ */ z.lazy(() => z.strictObject({ ...viewFields(), publishedAt: z.iso.datetime() }));

const count = (what: string) => z.int().check(z.minimum(0), z.describe(what));

/** GET /admin/policies/{version}/notifications. */
export const noticeCountersView = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    planned: count('Accounts the fan-out has enqueued so far: planned = sent + skipped + failed + pending.'),
    sent: count('Notices handed to SES.'),
    skipped: count('Accounts not notified: deactivated, unproven, erased, opted out of all communication, or a suppressed address.'),
    failed: count('Notices that could not be sent after every retry.'),
    pending: count('Planned and not yet settled: 0 once the version is done.'),
  }),
);
