// What a legal request may have produced (API.md, "Legal requests"; the policy's ECPA paragraphs):
// ONE table, the kind of request × the category of data → produce, or withhold with the reason
// the record and the requester are given. Creation lists what is withheld; production reads the
// same table, so the two cannot disagree.

/** The kinds of legal request the service answers (API.md). */
export const LEGAL_KINDS = ['customer_consent', 'civil_subpoena', 'criminal_subpoena', 'court_order', 'search_warrant'] as const;
export type LegalKind = (typeof LEGAL_KINDS)[number];

/** The categories of a request's scope; the personal-data registry files every stored thing under them. */
export const LEGAL_CATEGORIES = ['account', 'billing', 'fax_metadata', 'fax_content', 'rights_requests', 'junk_reports'] as const;
export type LegalCategory = (typeof LEGAL_CATEGORIES)[number];

type Rule = { produce: true } | { produce: false; reason: string };

const PRODUCE: Rule = { produce: true };
const CONTENT_UNDER_CIVIL_SUBPOENA: Rule = {
  produce: false,
  reason:
    'The Electronic Communications Privacy Act (18 U.S.C. § 2702) forbids disclosing the content of communications under a civil subpoena: serve the customer, who has custody of their faxes.',
};
const CONTENT_UNDER_CRIMINAL_SUBPOENA: Rule = {
  produce: false,
  reason: 'The content of communications is disclosed to a government entity only under a search warrant or a court order for it (18 U.S.C. § 2703(a), (b)), not under a subpoena.',
};

/** Everything but the content of communications. */
const allBut = (content: Rule): Record<LegalCategory, Rule> => ({
  account: PRODUCE,
  billing: PRODUCE,
  fax_metadata: PRODUCE,
  fax_content: content,
  rights_requests: PRODUCE,
  junk_reports: PRODUCE,
});

/**
 * The table. Content goes out only with the customer's written consent, under a search warrant,
 * or under a court order (a court order whose scope names `fax_content` is an order for content).
 */
export const PRODUCTION_RULES: Readonly<Record<LegalKind, Readonly<Record<LegalCategory, Rule>>>> = {
  customer_consent: allBut(PRODUCE),
  civil_subpoena: allBut(CONTENT_UNDER_CIVIL_SUBPOENA),
  criminal_subpoena: allBut(CONTENT_UNDER_CRIMINAL_SUBPOENA),
  court_order: allBut(PRODUCE),
  search_warrant: allBut(PRODUCE),
};

export interface Withheld {
  category: LegalCategory;
  reason: string;
}

/** What of a request's scope the table withholds, and why, in the scope's order. */
export const withheldOf = (kind: LegalKind, categories: readonly LegalCategory[]): Withheld[] =>
  categories.flatMap((category) => {
    const rule = PRODUCTION_RULES[kind][category];
    return rule.produce ? [] : [{ category, reason: rule.reason }];
  });

/** The categories of a request's scope the table lets out. */
export const producibleOf = (kind: LegalKind, categories: readonly LegalCategory[]): LegalCategory[] =>
  categories.filter((category) => PRODUCTION_RULES[kind][category].produce);

/** The smallest fee the requester pays before anything is produced, in US cents (the policy's $250). */
export const MINIMUM_FEE_CENTS = 25_000;

/** Days the customer has to move to quash a subpoena or order they were told of (`LEGAL_QUASH_DAYS`). */
export const DEFAULT_LEGAL_QUASH_DAYS = 14;

/** Days a produced request keeps holding its subject's data (`LEGAL_HOLD_DAYS_AFTER`). */
export const DEFAULT_LEGAL_HOLD_DAYS_AFTER = 30;

/**
 * Whether the customer is told of the request and given the quash window: a subpoena, order or
 * warrant, unless the order forbids it (`noticeProhibited`); not the customer's own consent.
 */
export const isNoticeOwed = (kind: LegalKind, noticeProhibited: boolean): boolean => kind !== 'customer_consent' && !noticeProhibited;

/**
 * A legal request's record (requester, subject, scope, what was produced and withheld) is kept this
 * long after it was received: the limitation period of claims about a disclosure (as for an admin's
 * decisions, shared/privacy/retention.ts), then removed with its holds (TTL).
 */
export const LEGAL_REQUEST_RETENTION_YEARS = 6;
