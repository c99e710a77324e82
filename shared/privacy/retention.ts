// How long the copies outside the table's items and the buckets' objects last: the table's
// backups and the logs. One definition, read by the stacks (infra/config.ts,
// infra/stateful-stack.ts) and stated in the personal-data registry.

/**
 * Point-in-time recovery keeps every change of the table this long (DynamoDB's maximum, chosen
 * on purpose): an item deleted by an erasure stays restorable from the backups for 35 days, then
 * is gone from them too.
 */
export const POINT_IN_TIME_RECOVERY_DAYS = 35;

/** Function logs and the HTTP API's access log (client IP addresses), per stage: a week in dev, three months in prod. */
export const LOG_RETENTION_DAYS = { dev: 7, prod: 90 } as const;

/** S3 server access logs of the fax and export buckets (requesters' IP addresses beside object keys), per stage. */
export const S3_ACCESS_LOG_DAYS = { dev: 30, prod: 90 } as const;

/**
 * A rights request never proven (awaiting its code, or rejected when the proof failed) is kept
 * this long after it was filed, then removed (TTL): long enough for its requester to follow it
 * with its token and for the service to show it was answered; its audit entries (ids only) stay.
 * A proven request is kept until its person is erased (then it holds no personal field).
 */
export const UNPROVEN_REQUEST_RETENTION_DAYS = 30;

/**
 * A junk-fax report is kept this long after it was filed, then removed (TTL): the evidence behind
 * a case and an admin's decision for as long as a dispute about it is likely; the case keeps its
 * counts and dates (never who reported), and the decision its audit entry.
 */
export const JUNK_REPORT_RETENTION_DAYS = 365;

/**
 * An audit entry carrying an admin's free-text reason (a deactivation, a dismissal, an
 * extension: written about the decision, it may still describe the person) is kept this long after
 * the decision, then removed with its reason (TTL): six years, the limitation period of claims
 * about such a decision. Entries without a reason (ids and actions only) are kept for good.
 */
export const ADMIN_REASON_RETENTION_DAYS = 6 * 365;

const DAY_SECONDS = 24 * 60 * 60;

/** A TTL attribute's value (epoch seconds) `days` after the ISO instant `from`. */
export const epochSecondsAfter = (from: string, days: number): number => Math.floor(Date.parse(from) / 1000) + days * DAY_SECONDS;
