import { profileView, type Account, type ConsentRecord } from '../accounts/account';
import { SIGNUP_PROOF_DAYS } from '../accounts/expiry';
import { faxView, RETENTION_DAYS, UPLOAD_LIFETIME_DAYS, type Fax } from '../faxes/fax';
import { NUMBER_QUARANTINE_DAYS } from '../numbers/number';
import { DELIVERY_MARKER_RETENTION_DAYS } from '../email/ports';
import { DISTINCT_REPORTERS_WINDOW_DAYS } from '../junk/case';
import { RECEIPT_RETENTION_DAYS } from '../faxes/receipts';
import { SETTLEMENT_RETENTION_DAYS } from '../policies/fan-out';
import { EXPORT_LINK_DAYS } from '../rights/export-link';
import { USAGE_COUNTER_RETENTION_DAYS } from '../usage/rollup';
import { SUPPRESSED_BELOW } from '../usage/usage';
import { DEFAULT_LEGAL_HOLD_DAYS_AFTER, LEGAL_REQUEST_RETENTION_YEARS, type LegalCategory } from '../legal/rules';
import { ADMIN_REASON_RETENTION_DAYS, JUNK_REPORT_RETENTION_DAYS, LOG_RETENTION_DAYS, POINT_IN_TIME_RECOVERY_DAYS, S3_ACCESS_LOG_DAYS, UNPROVEN_REQUEST_RETENTION_DAYS } from './retention';

// The personal-data registry (DESIGN.md, "Personal data: one registry"): every kind of stored
// item, every prefix of the fax bucket, every queue and every outside store, declared once with
// what it holds of a person and what export, erasure and legal production do with it. Those
// iterate it; a test fails when the code writes a kind (or uses a prefix or queue) it does not
// know, or when it knows one nothing writes (shared/privacy/registry.test.ts, and
// test/e2e/registry.test.ts over everything the running backend stored).

// The categories of a legal request's scope (API.md, "Legal requests"): one list, shared/legal/rules.ts.

/** How a stored thing is tied to a person, and where: what export, erasure and production look it up by. */
interface PersonLink {
  by: 'accountId' | 'email' | 'emailDigest' | 'faxNumber' | 'none';
  /** Where the link sits (key, attribute), or for `none` why the thing cannot be found for a person. */
  where: string;
}

/** What an item (or an object's listing entry, or a login) is, as it was stored. */
type Stored = Readonly<Record<string, unknown>>;

/** Where an export's reader fetches what it links to rather than holds (absolute URLs of the API). */
export interface ExportLinks {
  /** A fax's document: `GET /faxes/{faxId}/document`. */
  faxDocument(faxId: string): string;
}

/** How a thing appears in an access export: a mapper to its exported JSON, or why it is left out. */
type ExportRule = { mapper: (stored: Stored, links: ExportLinks) => Record<string, unknown> } | { notExported: string };

/** What erasure does to it. */
type ErasureRule =
  | { action: 'delete' }
  | { action: 'anonymise'; fields: readonly string[]; how: string }
  | { action: 'keep'; legalBasis: string };

/** A stored thing that can hold a person's data. */
interface PersonalData {
  personal: true;
  /** What of a person it holds. */
  holds: string;
  links: readonly PersonLink[];
  export: ExportRule;
  erasure: ErasureRule;
  retention: string;
  /** Its categories in a legal request's scope; none when no category applies (say why in `holds`). */
  categories: readonly LegalCategory[];
}

/** A stored thing declared to hold no personal data, and why. */
interface NoPersonalData {
  personal: false;
  why: string;
  retention: string;
}

export type Registration = PersonalData | NoPersonalData;

/** A table item kind: its `type` attribute's value, and the keys it is stored under. */
type ItemRegistration = Registration & { keys: readonly string[] };

const picked = (stored: Stored, fields: readonly string[]) =>
  Object.fromEntries(fields.filter((field) => stored[field] !== undefined).map((field) => [field, stored[field]]));

const accountLink: PersonLink = { by: 'accountId', where: 'PK ACCOUNT#<accountId>' };
const UNTIL_ERASURE = 'as long as the account exists: until its erasure';

/** Every kind of item the table holds, by its `type` attribute. */
const items = {
  // Accounts (shared/adapters/dynamo/account-store.ts).
  account: {
    keys: ['ACCOUNT#<accountId> / PROFILE'],
    personal: true,
    holds:
      'the profile (company, contact name, phone, email, a pending new email), preferences, processing flags, billing reference (processor token, brand, last4, expiry); the keyed digests of the emails it held before (`formerEmailHashes`, never the emails: not exported, they are how the erasure finds what the person filed under those emails); who referred it (`referredByAccountId`) and, until the sign-up is proven, the referral its proof converts (`referralId`): ids of the referring account and of its record, not exported (the referral itself is exported to the friend, by their email)',
    links: [accountLink, { by: 'emailDigest', where: 'attribute formerEmailHashes (the digests of its earlier emails)' }],
    export: {
      mapper: (stored) => ({ ...profileView(stored as unknown as Account), ...picked(stored, ['policyVersion', 'updatedAt', 'activatedAt', 'deactivatedAt', 'deactivatedBy']) }),
    },
    erasure: { action: 'delete' },
    retention: `${UNTIL_ERASURE}; a sign-up whose owner never signs in is removed after ${SIGNUP_PROOF_DAYS} days`,
    categories: ['account', 'billing'],
  },
  consent: {
    keys: ['ACCOUNT#<accountId> / CONSENT#<consentId>'],
    personal: true,
    holds: 'what the customer consented to (or withdrew), when and how',
    links: [accountLink],
    export: {
      mapper: (stored) => {
        const { kind, granted, version, recordedAt, method } = stored as unknown as ConsentRecord;
        return { kind, granted, version, recordedAt, method };
      },
    },
    erasure: { action: 'delete' },
    retention: UNTIL_ERASURE,
    categories: ['account'],
  },
  email_claim: {
    keys: ['EMAIL#<canonical email> / CLAIM'],
    personal: true,
    holds: "the account's email (in its key) and account id",
    links: [
      { by: 'email', where: 'PK EMAIL#<canonical email>' },
      { by: 'accountId', where: 'attribute accountId' },
    ],
    export: { notExported: "an internal index that keeps emails unique: the email is in the account's export" },
    erasure: { action: 'delete' },
    retention: 'while the account holds that email: moved when the email changes, removed with the account',
    categories: ['account'],
  },
  referral_code_claim: {
    keys: ['REFERRALCODE#<code> / CLAIM'],
    personal: true,
    holds: "the account's referral code and account id",
    links: [{ by: 'accountId', where: 'attribute accountId' }],
    export: { notExported: "an internal index that keeps referral codes unique: the code is in the account's export" },
    erasure: { action: 'delete' },
    retention: UNTIL_ERASURE,
    categories: ['account'],
  },

  // Referrals (shared/adapters/dynamo/referral-store.ts): the referrer's record of a friend they
  // invited is the friend's data too, so both find it, and either one's erasure deletes it.
  referral: {
    keys: ['ACCOUNT#<referrerId> / REFERRAL#<referralId>'],
    personal: true,
    holds: "a customer's invitation of a friend: the friend's name, email and its keyed digest, the status (invited, not sent, converted) and when",
    links: [
      { by: 'accountId', where: 'PK ACCOUNT#<referrerId> (the referring customer)' },
      { by: 'emailDigest', where: 'GSI1 PERSON#<friendEmailHash> (the friend)' },
      { by: 'email', where: 'attribute friendEmail' },
    ],
    export: { mapper: (stored) => picked(stored, ['referralId', 'friendName', 'friendEmail', 'status', 'createdAt', 'convertedAt']) },
    erasure: { action: 'delete' },
    retention: "until the referring customer's erasure (with their partition) or the friend's (by their email's digest)",
    categories: ['account'],
  },
  referral_opt_out: {
    keys: ['OPTOUT#<keyed digest of the canonical email> / REFERRALS'],
    personal: true,
    holds: 'a keyed digest of an email that takes no more referral invitations (never the address) and when it opted out; no legal-request category (a digest, not account data)',
    links: [{ by: 'emailDigest', where: 'PK OPTOUT#<emailHash> (`person-email-v1`)' }],
    export: { mapper: (stored) => picked(stored, ['optedOutAt']) },
    erasure: {
      action: 'keep',
      legalBasis: 'honouring the objection to referral mail (GDPR Art. 21(3)): it must outlive the erasure of the person who made it, and holds only a keyed digest of the address',
    },
    retention: 'kept for good',
    categories: [],
  },

  // The fax number inventory (shared/adapters/dynamo/number-items.ts).
  fax_number: {
    keys: ['NUMBER#<E.164> / NUMBER'],
    personal: true,
    holds: 'while assigned, which account holds the number (it routes the number’s faxes there)',
    links: [
      { by: 'accountId', where: 'attribute accountId, while assigned' },
      { by: 'faxNumber', where: 'PK NUMBER#<faxNumber>' },
    ],
    export: { notExported: "the inventory's own record: the number the customer holds is in the account's export (`faxNumber`)" },
    erasure: {
      action: 'anonymise',
      fields: ['accountId'],
      how: `released into quarantine for ${NUMBER_QUARANTINE_DAYS} days (so the former customer's faxes reach nobody new), then available again`,
    },
    retention: "the number stays in the service's inventory for good; its link to an account lasts while the account holds it",
    categories: ['account'],
  },

  // Faxes (shared/adapters/dynamo/fax-stores.ts, gateway-stores.ts).
  fax: {
    keys: ['ACCOUNT#<accountId> / FAX#<faxId>'],
    personal: true,
    holds: "a received fax's metadata: sender and recipient numbers, the sender's station id, pages, when, the document's key",
    links: [accountLink],
    // The document itself is not copied into the export: its link is (the `faxes` objects).
    export: { mapper: (stored, links) => ({ ...faxView(stored as unknown as Fax), document: links.faxDocument(String(stored.faxId)) }) },
    erasure: { action: 'delete' },
    retention: `${RETENTION_DAYS} days after the backend accepted it, or until the customer deletes it`,
    categories: ['fax_metadata'],
  },
  fax_gone: {
    keys: ['ACCOUNT#<accountId> / FAXGONE#<faxId>'],
    personal: true,
    holds: 'ids only (the account id in its key, the fax id): that a fax of the account is gone (deleted or refused), so a redelivered message cannot save it again; nothing about the fax',
    links: [accountLink],
    export: { notExported: 'an internal marker: the fax it stood for is gone' },
    // In the account's partition, so the erasure's sweeps delete it with the rest.
    erasure: { action: 'delete' },
    retention: "until the gone fax's own expiry (TTL), or the account's erasure",
    categories: [],
  },
  blocked_sender: {
    keys: ['ACCOUNT#<accountId> / BLOCKED#<faxNumber>'],
    personal: true,
    holds: 'a sender number the customer blocked, and when',
    links: [accountLink],
    export: { mapper: (stored) => picked(stored, ['faxNumber', 'blockedAt']) },
    erasure: { action: 'delete' },
    retention: `until unblocked, or ${UNTIL_ERASURE}`,
    categories: ['account'],
  },
  gateway_receipt: {
    keys: ['DELIVERY#<webhook-id> / RECEIPT', 'GATEWAYEVENT#<accountId>#<gatewayEventId> / RECEIPT'],
    personal: true,
    holds:
      'ids and a keyed fingerprint; the delivery receipt also holds the pending `fax.accepted` message (sender and recipient numbers) until the processing queue has the fax (normally milliseconds, at most until the next re-drive)',
    links: [{ by: 'accountId', where: 'attribute accountId (no index finds receipts by account)' }],
    export: { notExported: 'an internal record of a gateway delivery: the fax it delivered is exported' },
    erasure: {
      action: 'keep',
      legalBasis:
        `legitimate interest in recognising a gateway retrying a delivery (exactly-once intake): ids and a keyed fingerprint only once queued, kept ${RECEIPT_RETENTION_DAYS} days, found by no one through the person`,
    },
    retention: `${RECEIPT_RETENTION_DAYS} days after the backend accepted the fax (TTL); the pending message only until the fax is queued`,
    categories: ['fax_metadata'],
  },
  upload: {
    keys: ['UPLOAD#<uploadId> / UPLOAD'],
    personal: false,
    why: "a gateway upload's declared type and size, and the fax id once a fax claimed it; the document itself is under the uploads/ prefix",
    retention: `${UPLOAD_LIFETIME_DAYS} day (TTL)`,
  },

  // The email pipeline (shared/adapters/dynamo/email-stores.ts).
  email_delivery: {
    keys: ['EMAILSENT#<messageId> / DELIVERY'],
    personal: true,
    holds: "ids and times only (that a message id was sent): never the address, the parameters or the content; a message id may name the account it was for (`invitation#<accountId>`, `email-change-code#<accountId>#<n>`)",
    links: [{ by: 'none', where: 'the account id inside a message id, in the key: no index finds markers by account' }],
    export: { notExported: 'an internal marker that an email was sent: the email itself went to the person' },
    erasure: {
      action: 'keep',
      legalBasis: `legitimate interest in sending each email exactly once (a redelivered message must not email again, an erased person least of all): ids and times only, found by no one through the person, gone ${DELIVERY_MARKER_RETENTION_DAYS} days after its claim`,
    },
    retention: `${DELIVERY_MARKER_RETENTION_DAYS} days after its claim (TTL)`,
    categories: [],
  },
  email_suppression: {
    keys: ['SUPPRESSED#<keyed digest of the canonical email> / SUPPRESSION'],
    personal: true,
    holds: 'a keyed digest of an address that bounced or complained (never the address), the reason and when; no legal-request category (a digest, not account data)',
    links: [{ by: 'emailDigest', where: 'PK SUPPRESSED#<suppressionKey> (shared/email/suppression.ts)' }],
    export: { mapper: (stored) => picked(stored, ['reason', 'suppressedAt']) },
    erasure: {
      action: 'keep',
      legalBasis: 'honouring "never contact again" (a bounce or complaint; erasure adds one): holds only a keyed digest of the address',
    },
    retention: 'kept for good',
    categories: [],
  },

  // Privacy rights requests (shared/adapters/dynamo/rights-request-store.ts).
  rights_request: {
    keys: ['RIGHTS#<requestId> / REQUEST'],
    personal: true,
    holds:
      "the requester's email and its keyed digest, the request's type and status, free-text details, rectification corrections, the verifying account id; the code and request token only as keyed digests",
    links: [
      { by: 'emailDigest', where: 'GSI1 PERSON#<emailHash>' },
      { by: 'email', where: 'attribute email' },
      { by: 'accountId', where: 'attribute accountId, when a customer token verified it' },
    ],
    // The item's `type` is its kind: the request's own type is stored as `rightsType`.
    export: {
      mapper: (stored) => ({
        ...picked(stored, ['requestId']),
        type: stored.rightsType,
        ...picked(stored, ['status', 'createdAt', 'dueAt', 'verifiedAt', 'completedAt', 'details', 'corrections', 'result', 'extendedAt', 'extensionReason']),
      }),
    },
    erasure: {
      action: 'anonymise',
      fields: ['email', 'emailHash', 'GSI1PK', 'GSI1SK', 'details', 'corrections', 'accountId', 'pendingCode', 'extensionReason'],
      how: "the personal fields (an admin's extension reason among them: it may describe the person) are removed; the id, type, status, dates and the digest of its random request token stay as the record that the request was received and answered (its requester may still follow it with the token)",
    },
    retention: `one never proven (awaiting its code, or rejected) ${UNPROVEN_REQUEST_RETENTION_DAYS} days after it was filed or rejected (TTL); a proven one until the person is erased (the request then keeps no personal field)`,
    categories: ['rights_requests'],
  },

  // Junk-fax reports and their cases (shared/adapters/dynamo/junk-store.ts). Reporters' identities
  // are never shown to the reported client: the case's export holds counts only.
  junk_report: {
    keys: ['SENDER#<faxNumber> / REPORT#<reportId>'],
    personal: true,
    holds:
      "a junk-fax report: the reporter's name, email and its keyed digests or their account id, free-text description; the reported sender's number, the recipient number, the station id and when (from the customer's fax, when they named one)",
    links: [
      { by: 'emailDigest', where: 'GSI1 PERSON#<emailHash> (a public reporter who gave an email)' },
      { by: 'accountId', where: 'GSI1 JUNKREPORTER#<accountId> (a customer reporter)' },
      { by: 'faxNumber', where: 'PK SENDER#<faxNumber> (the reported sender)' },
    ],
    export: {
      mapper: (stored) =>
        picked(stored, ['reportId', 'senderFaxNumber', 'recipientFaxNumber', 'receivedAt', 'remoteStationId', 'faxId', 'description', 'reporterName', 'reporterEmail', 'counted', 'createdAt']),
    },
    erasure: {
      action: 'anonymise',
      fields: ['reporterName', 'reporterEmail', 'reporterEmailHash', 'reporterAccountId', 'reporterKey', 'description', 'recipientFaxNumber', 'faxId', 'GSI1PK', 'GSI1SK'],
      how: "the reporter's identity, free text, the number the fax reached and their fax's id are removed (`forgetReporter`); the report stays, counted, as evidence of its sender's case",
    },
    retention: `${JUNK_REPORT_RETENTION_DAYS} days after it was filed (TTL), as evidence of its sender's case; its reporter's identity only until they are erased`,
    categories: ['junk_reports'],
  },
  junk_reporter: {
    keys: ['SENDER#<faxNumber> / REPORTER#<reporterKey>'],
    personal: false,
    why: "when a reporter identity was last counted for a sender, toward which case, and the person it was counted as: identity and person only as keyed digests under the junk reporters' own purpose (of an account id, a mailbox or a source address), which no other lookup uses and no one can reverse without the key",
    retention: `${DISTINCT_REPORTERS_WINDOW_DAYS} days after the reporter was last counted (TTL; reads filter on it)`,
  },
  junk_case: {
    keys: ['SENDER#<faxNumber> / CASE'],
    personal: true,
    holds: "the case of a reported sender number: the number, the account that held it when the case opened, counts, status and dates; never who reported",
    links: [
      { by: 'accountId', where: 'attribute accountId (the reported client)' },
      { by: 'faxNumber', where: 'PK SENDER#<faxNumber>' },
    ],
    export: { mapper: (stored) => picked(stored, ['caseId', 'senderFaxNumber', 'status', 'reportCount', 'distinctReporters', 'firstReportedAt', 'lastReportedAt', 'escalatedAt', 'dismissedAt']) },
    erasure: {
      action: 'keep',
      legalBasis: 'legitimate interest in preventing abuse of the service (the policy: a client used for junk faxes may be deactivated) and in establishing legal claims: counts and dates only, no reporter',
    },
    retention: "kept while the sender's number is reported; a dismissed case, or one whose number changed hands, is replaced by the number's next case (the dismissal or the closing stays in the audit trail)",
    categories: ['junk_reports'],
  },
  request_throttle: {
    keys: ['THROTTLE#<scope>#<key> / WINDOW#<windowStart>'],
    personal: false,
    why: "a count of requests in one window under a keyed digest (junk-fax reporters': of an account id, an email or a source address; sign-ups': of a source address or an email; rights-request codes': of the email; email-change codes': of the account id) that no other lookup uses",
    retention: 'two windows (TTL; reads never need older ones)',
  },
  throttle_hold: {
    keys: ['THROTTLE#<scope>#<key> / HOLD#<place>'],
    personal: false,
    why: 'one of the places a keyed digest (of an email: the rights-request codes awaiting use) may hold at once, and until when; the digest serves no other lookup',
    retention: 'until its hold ends (TTL: the code it stands for expired)',
  },
  // Erasure receipts (shared/adapters/dynamo/erasure-stores.ts).
  erasure_receipt: {
    keys: ['ERASURE#<requestId> / RECEIPT'],
    personal: false,
    why: 'the proof that an erasure ran: the request id (whose request keeps no personal field either), when, and how many things of each registered kind it erased; no email, no account id, nothing that finds or names the person',
    retention: 'kept for good: the proof that the erasure was done',
  },

  // Policy versions and their notices (shared/adapters/dynamo/policy-store.ts).
  policy_version: {
    keys: ['POLICY#VERSIONS / VERSION#<version>'],
    personal: false,
    why: "a published privacy policy version (its summary, link, kind and dates) and its fan-out's plan: a count, a planner's lease and, only while the plan runs (removed when it finishes), per shard the last account id enqueued, a paging position that says nothing about that account",
    retention: 'kept for good: the history of the policy',
  },
  policy_notice: {
    keys: ['ACCOUNT#<accountId> / POLICYNOTICE#<version>'],
    personal: true,
    holds: 'that the account was sent (or skipped for, with why) the notice of a policy version, and when',
    links: [accountLink],
    export: { mapper: (stored) => picked(stored, ['version', 'kind', 'status', 'reason', 'settledAt']) },
    erasure: { action: 'delete' },
    retention: UNTIL_ERASURE,
    categories: ['account'],
  },
  policy_notice_settlement: {
    keys: ['POLICY#<version>#SETTLED#<shard> / <keyed digest of version and account id>'],
    personal: false,
    why: "that one account's notice of a version was counted (so a redelivery counts nothing twice): a keyed digest, which names no account without the pseudonymisation key, and when",
    retention: `${SETTLEMENT_RETENTION_DAYS} days (TTL)`,
  },
  policy_notice_counter: {
    keys: ['POLICY#<version>#COUNTER#<shard> / COUNTER'],
    personal: false,
    why: "a shard of a version's notice counts (sent, skipped, failed): numbers only",
    retention: 'kept for good, with its version',
  },

  // Audit trails (shared/adapters/dynamo/audit-trail.ts).
  audit_entry: {
    keys: ['AUDIT#<subject> / <at>#<digest>'],
    personal: true,
    holds: "who (a role, an account id or an admin's id, never an email or a name) did what to which subject (ids), when, and an admin's stated reason",
    links: [{ by: 'accountId', where: 'attribute actor.accountId (a customer who filed a request with their token) or the subject (an admin action on an account): no index finds entries by account' }],
    // The account's own trail (AUDIT#account:<accountId>: an admin's deactivation and its reason); the
    // trails of the person's rights requests are theirs too, but their requests (with an extension's reason) are exported.
    export: { mapper: (stored) => ({ ...picked(stored, ['action', 'at', 'reason']), by: (stored.actor as { kind?: unknown } | undefined)?.kind }) },
    erasure: {
      action: 'keep',
      legalBasis:
        "accountability and legal claims (proof that each rights request and admin decision was received and handled, GDPR Art. 5(2) and 17(3)(e)): ids, actions and times, and an admin's reason only for as long as a claim about the decision may be brought",
    },
    retention: `an entry with an admin's reason ${ADMIN_REASON_RETENTION_DAYS / 365} years after the decision (TTL); one without (ids and actions only) kept for good, the proof that requests and admin actions were handled`,
    categories: ['account'],
  },

  // Usage counters and their anonymised monthly rollups (shared/adapters/dynamo/usage-store.ts).
  usage_counter: {
    keys: ['ACCOUNT#<accountId> / USAGE#<yyyy-mm>'],
    personal: true,
    holds: 'how many faxes the account received in a month (its id in the key and in GSI2SK)',
    links: [accountLink],
    export: { mapper: (stored) => picked(stored, ['month', 'faxes']) },
    // In the account's partition, so the erasure's sweeps delete it with the rest.
    erasure: { action: 'delete' },
    retention: `${USAGE_COUNTER_RETENTION_DAYS} days after its month ends (TTL): the monthly rollup reads it the day after`,
    // Not produced to a legal request: it is a count of the faxes, which are produced themselves
    // under fax_metadata within the request's time range, while a month's count ignores that range.
    categories: [],
  },
  usage_rollup: {
    keys: ['USAGEREPORT#MONTHS / MONTH#<yyyy-mm>'],
    personal: false,
    why: `anonymous aggregates (GDPR Recital 26): per closed month and area code, how many accounts received how many faxes, only in cells of at least ${SUPPRESSED_BELOW} accounts (smaller ones pooled, or dropped), without restricted, objecting or erased accounts; no id, number or email, never changed once stored, so no later report can be subtracted from it to single anyone out`,
    retention: 'kept for good: the published statistics',
  },
  // Legal requests and their holds (shared/adapters/dynamo/legal-store.ts).
  legal_request: {
    keys: ['LEGAL#<legalRequestId> / REQUEST'],
    personal: true,
    holds:
      "a subpoena's, order's, warrant's or consent's record: the requester's name, organization, email and address (a person acting for a court, an agency or a party), the subject as the requester named them (an email, a fax number, an account id), the account it resolved to, the scope, document references, what was withheld and why, the fee, dates, the production's counts and key; not the customer's email",
    links: [
      { by: 'accountId', where: 'attribute accountId (the subject resolved), subject.accountId' },
      { by: 'email', where: 'attribute subject.email, as the requester gave it' },
      { by: 'faxNumber', where: 'attribute subject.faxNumber, as the requester gave it' },
    ],
    export: {
      notExported:
        "not in the subject's access export: a request under a non-disclosure order (noticeProhibited) must not reach its subject, and the customer who was owed a notice had it by email; the requester's own data is theirs (they have the request)",
    },
    erasure: {
      action: 'keep',
      legalBasis: `a legal obligation (the subpoena, order or warrant) and the establishment, exercise or defence of legal claims (GDPR Art. 17(3)(b), (e)): the record of what was asked, produced and withheld, kept ${LEGAL_REQUEST_RETENTION_YEARS} years after it was received`,
    },
    retention: `${LEGAL_REQUEST_RETENTION_YEARS} years after it was received (TTL)`,
    categories: [],
  },
  legal_hold: {
    keys: ['LEGALHOLD#account:<accountId> / LEGAL#<legalRequestId>', 'LEGALHOLD#email:<emailHash> / LEGAL#<legalRequestId>'],
    personal: true,
    holds: "that a person's data in a request's scope (categories, time range) is held, and until when: ids and a keyed email digest only",
    links: [
      { by: 'accountId', where: 'PK LEGALHOLD#account:<accountId>' },
      { by: 'emailDigest', where: 'PK LEGALHOLD#email:<emailHash>' },
    ],
    export: { notExported: 'an internal marker (what erasure and retention check); like its request, it must not tip off a subject under a non-disclosure order' },
    erasure: {
      action: 'keep',
      legalBasis: 'a legal obligation (GDPR Art. 17(3)(b), (e)): while it is in force the erasure waits (on_hold), and it is what makes the erasure wait; ids only',
    },
    retention: `in force while its request is open, and ${DEFAULT_LEGAL_HOLD_DAYS_AFTER} days after its production (LEGAL_HOLD_DAYS_AFTER); then ended, and removed with its request (TTL)`,
    categories: [],
  },
} as const satisfies Record<string, ItemRegistration>;

export type ItemKind = keyof typeof items;

/** Every key prefix of the fax bucket (functions/declaration.ts, `FaxBucketPrefix`). */
const objects = {
  faxes: {
    personal: true,
    holds: "a received fax's document: the content of a communication",
    links: [{ by: 'accountId', where: "the fax item (ACCOUNT#<accountId> / FAX#<faxId>) names the object faxes/<faxId> (its documentKey)" }],
    export: { notExported: "not copied into the export: each exported fax carries its document's download link (`document`: GET /faxes/{faxId}/document)" },
    erasure: { action: 'delete' },
    retention: `${RETENTION_DAYS} days after the backend accepted the fax (bucket lifecycle and the hourly sweep), or until the customer deletes it`,
    categories: ['fax_content'],
  },
  uploads: {
    personal: true,
    holds: "a fax document a gateway uploaded before its fax event: the content of a communication",
    links: [{ by: 'none', where: 'an upload id only: the fax that claims it gets its own copy under faxes/' }],
    export: { notExported: 'a copy waiting for its fax: the claiming fax’s copy under faxes/ is exported' },
    erasure: {
      action: 'keep',
      legalBasis: 'it cannot be found for a person (no link); the bucket lifecycle removes it within its lifetime',
    },
    retention: `${UPLOAD_LIFETIME_DAYS} day (bucket lifecycle and the hourly sweep)`,
    categories: ['fax_content'],
  },
} as const satisfies Record<string, Registration>;


const inFlight = (what: string): ErasureRule => ({
  action: 'keep',
  legalBasis: `${what} cannot be removed from a queue one by one: it is consumed within seconds (or dead-lettered, alarmed, and expires with the queue)`,
});

/** Every queue (infra/resources.ts, `queues`): their messages, and those of their dead-letter queues. */
const queues = {
  faxAccepted: {
    personal: true,
    holds: '`fax.accepted`: sender and recipient numbers, the station id, the document key',
    links: [{ by: 'accountId', where: 'the message body' }],
    export: { notExported: 'in flight for seconds: the fax it delivers is exported' },
    erasure: inFlight('a fax being delivered'),
    retention: "the queue's message retention (then its dead-letter queue's)",
    categories: ['fax_metadata'],
  },
  accounts: {
    personal: false,
    why: '`account.created`: ids only',
    retention: "the queue's message retention (then its dead-letter queue's)",
  },
  emails: {
    personal: true,
    holds: '`email.requested`: the address and the template parameters (a code, a temporary password, a name)',
    links: [{ by: 'email', where: 'the message body' }],
    export: { notExported: 'in flight for seconds: the email it sends is the person’s own' },
    erasure: inFlight('an email being sent'),
    retention: '4 days on the queue, then 14 in its dead-letter queue',
    categories: [],
  },
  rightsRequests: {
    personal: false,
    why: '`rights-request.verified`: ids only',
    retention: "the queue's message retention (then its dead-letter queue's)",
  },
  referralInvitations: {
    personal: false,
    why: '`referral.created`: ids only (the referral and its referrer)',
    retention: "the queue's message retention (then its dead-letter queue's)",
  },
  policyNotices: {
    personal: false,
    why: '`policy-notices.plan` and `policy-notices.send`: a policy version and account ids only',
    retention: "the queue's message retention (then its dead-letter queue's)",
  },
  emailFeedback: {
    personal: true,
    holds: "SES bounce and complaint events: the addresses they concern",
    links: [{ by: 'email', where: 'the message body' }],
    export: { notExported: 'in flight for seconds: its outcome is the suppression entry, which is exported' },
    erasure: inFlight('a bounce or complaint being recorded'),
    retention: "the queue's message retention (then its dead-letter queue's)",
    categories: [],
  },
} as const satisfies Record<string, Registration>;


/** Every key prefix of the exports bucket (access and portability exports, shared/rights/export.ts). */
const exportObjects = {
  exports: {
    personal: true,
    holds: "a person's access or portability export: a copy of everything the registry finds for them",
    links: [{ by: 'emailDigest', where: "exports/<requestId>.json, one per rights request of the person's (GSI1 PERSON#<emailHash>)" }],
    export: { notExported: 'an earlier export: a copy of what a new export holds' },
    erasure: { action: 'delete' },
    retention: `${EXPORT_LINK_DAYS} days (the exports bucket's lifecycle; the link works as long)`,
    categories: ['rights_requests'],
  },
  legal: {
    personal: true,
    holds: "a legal production: what the registry found for a legal request's subject in its scope, other people's data redacted",
    links: [{ by: 'none', where: 'legal/<legalRequestId>.json: found through its legal request only' }],
    export: { notExported: "a copy of the subject's data made for a court or an agency: not the subject's to receive (it may be under a non-disclosure order)" },
    erasure: {
      action: 'keep',
      legalBasis: `a legal obligation (the production answered a subpoena, order or warrant, GDPR Art. 17(3)(b)); it is gone ${EXPORT_LINK_DAYS} days after it was made`,
    },
    retention: `${EXPORT_LINK_DAYS} days (the exports bucket's lifecycle; the link works as long)`,
    categories: [],
  },
} as const satisfies Record<string, Registration>;

/** Stores outside the table, the bucket and the queues. */
const outsideStores = {
  userPoolLogins: {
    personal: true,
    holds: "a customer's login in the Cognito user pool: username (the account id), email, `custom:accountId`, the password (Cognito's)",
    links: [{ by: 'accountId', where: 'the username and custom:accountId' }],
    export: { mapper: (stored) => picked(stored, ['username', 'email', 'emailVerified', 'enabled', 'status', 'createdAt']) },
    erasure: { action: 'delete' },
    retention: UNTIL_ERASURE,
    categories: ['account'],
  },
  // Copies kept beside the live data: the table's backups and the logs (shared/privacy/retention.ts).
  tableBackups: {
    personal: true,
    holds: "the table's point-in-time recovery: every item as it stood at any second of the recovery period, erased ones included",
    links: [{ by: 'none', where: 'a restore is a new table, made only by an operator: the backups are searched through nothing' }],
    export: { notExported: 'a copy of the items, which are exported as they stand' },
    erasure: {
      action: 'keep',
      legalBasis: `the integrity and availability of the service (recovery from corruption or an operator's mistake): single items cannot be removed from DynamoDB's backups, so an erased item leaves them ${POINT_IN_TIME_RECOVERY_DAYS} days after its erasure; before a restored table serves, the erasures whose receipts (in the table it replaces) are younger than the restore point are run again (README, "Erasure")`,
    },
    retention: `${POINT_IN_TIME_RECOVERY_DAYS} days (the recovery period, set in infra/stateful-stack.ts)`,
    categories: [],
  },
  functionLogs: {
    personal: false,
    why: 'the redactor (shared/redact.ts) removes every email, phone and fax number, token, card number and free text by key and by shape: what stays is ids (an account id among them), routes, statuses and times',
    retention: `${LOG_RETENTION_DAYS.dev} days in dev, ${LOG_RETENTION_DAYS.prod} in prod (each function's log group)`,
  },
  apiAccessLogs: {
    personal: true,
    holds: "the HTTP API's access log: each request's client IP address, route template (never the raw path), status and times; no header, body or token",
    links: [{ by: 'none', where: 'no account id, email or number: an IP address and a route, which find no person' }],
    export: { notExported: 'nothing in it is found for a person (no account id, email or number)' },
    erasure: {
      action: 'keep',
      legalBasis: `securing the service (investigating attacks and abuse, as the policy's log files say): an IP address beside a route only, kept ${LOG_RETENTION_DAYS.prod} days at most`,
    },
    retention: `${LOG_RETENTION_DAYS.dev} days in dev, ${LOG_RETENTION_DAYS.prod} in prod (the access log group)`,
    categories: [],
  },
  s3AccessLogs: {
    personal: true,
    holds: "S3 server access logs of the fax and export buckets: each request's requester (a function's role, or a presigned download's IP address) beside the object key (`faxes/<faxId>`, `exports/<requestId>.json`)",
    links: [{ by: 'none', where: 'object keys hold only random ids; nothing in the logs names an account, an email or a number' }],
    export: { notExported: 'nothing in them is found for a person without the items the erasure deletes' },
    erasure: {
      action: 'keep',
      legalBasis: `securing personal data (who read which document, for investigating a breach): random ids and IP addresses only, kept ${S3_ACCESS_LOG_DAYS.prod} days at most`,
    },
    retention: `${S3_ACCESS_LOG_DAYS.dev} days in dev, ${S3_ACCESS_LOG_DAYS.prod} in prod (the access-log bucket's lifecycle)`,
    categories: [],
  },
  sesAccountSuppressionList: {
    personal: false,
    why: "SES's own account-level suppression list is off for the service's configuration set (README, \"Email (SES)\"): the service keeps its own (`email_suppression` items)",
    retention: 'none: nothing is added to it',
  },
} as const satisfies Record<string, Registration>;

export const personalDataRegistry = { items, objects, exportObjects, queues, outsideStores } as const;

/** Whether `kind` is a registered item kind (a stored item's `type`). */
export const isRegisteredKind = (kind: unknown): kind is ItemKind => typeof kind === 'string' && Object.hasOwn(items, kind);
