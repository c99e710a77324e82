/**
 * A published version of the privacy policy (API.md, "Policy changes and communications"): a
 * `policy_change`, or a `business_transition` whose notice offers the choice to opt out of the
 * new use. Published once, never changed; every active account that has not opted out of all
 * communication is told of it once.
 */
export const POLICY_KINDS = ['policy_change', 'business_transition'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/**
 * A version's name: a year and month, optionally a day and a revision (`2026-01`, `2026-01-15`,
 * `2026-01.2`). Strict, so a version is a safe key and a path id checked at the edge.
 */
export const POLICY_VERSION = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?(\.[1-9]\d{0,2})?$/;

export interface PolicyVersion {
  version: string;
  effectiveAt: string;
  summary: string;
  url?: string;
  kind: PolicyKind;
  publishedAt: string;
}

/** What anyone reads of a version (`GET /policies/current`). */
export const policyView = ({ version, effectiveAt, summary, url, kind }: PolicyVersion) => ({ version, effectiveAt, summary, ...(url === undefined ? {} : { url }), kind });

/**
 * The current version: the latest whose `effectiveAt` has passed; before any has, the latest
 * published (API.md). "Latest" is by `effectiveAt`, then by publication.
 */
export const currentOf = (versions: readonly PolicyVersion[], at: Date): PolicyVersion | undefined => {
  const byEffect = (a: PolicyVersion, b: PolicyVersion) => a.effectiveAt.localeCompare(b.effectiveAt) || a.publishedAt.localeCompare(b.publishedAt);
  const inEffect = versions.filter((version) => Date.parse(version.effectiveAt) <= at.getTime()).sort(byEffect);
  if (inEffect.length > 0) return inEffect[inEffect.length - 1];
  return [...versions].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt)).at(-1);
};

/** How a version's notices stand: `planned = sent + skipped + failed + pending`. */
export interface NoticeCounters {
  planned: number;
  sent: number;
  skipped: number;
  failed: number;
  pending: number;
}
