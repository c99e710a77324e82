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
