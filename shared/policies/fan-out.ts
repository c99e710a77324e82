/**
 * The fan-out's sizes (README, "Policy notices at a million accounts"), defined once: the
 * planner, the adapters, the stacks and the bench read them.
 */

/** Shards of the notifiable index: at a million accounts, 62,500 entries each; no partition takes every write. */
export const NOTIFIABLE_SHARDS = 16;

/** Index entries one planner Query reads: 20 messages, 2 SendMessageBatch calls, 1 cursor update. */
export const PLAN_PAGE_SIZE = 1000;

/** How long a planner's lease lasts without an advance: another planner resumes from the cursor after it. */
export const PLAN_LEASE_SECONDS = 120;

/** Shards of a version's outcome counters and settlement markers: 1,000 settlements a second are ~63 writes a second per partition. */
export const COUNTER_SHARDS = 16;

/**
 * Claims of one account's notice before it is recorded `failed`: one fewer than the queue's
 * receives (infra/resources.ts), so the last receive records the failure rather than dead-letter it.
 */
export const MAX_NOTICE_ATTEMPTS = 4;

/**
 * The share of `SES_MAX_SEND_RATE` the notices may take: the rest stays free for the emails people
 * are waiting for (codes, invitations), which the emails queue sends unpaced.
 */
export const NOTICE_SHARE_OF_SEND_RATE = 0.8;

/** How long a settlement marker outlives its settlement: past any redelivery (queue retention 4 days, its DLQ 14). */
export const SETTLEMENT_RETENTION_DAYS = 35;
