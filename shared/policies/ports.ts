import type { Account } from '../accounts/account';
import type { AuditEntry } from '../audit/trail';
import type { PolicyVersion } from './policy';

/** The published versions: each once, never changed. */
export interface PolicyStore {
  /** Publishes a version with its audit entry (one transaction); false when that version exists. */
  publish(version: PolicyVersion, audit: AuditEntry): Promise<boolean>;
  get(version: string): Promise<PolicyVersion | undefined>;
  /** Every published version (a handful a year: one partition, read whole). */
  list(): Promise<PolicyVersion[]>;
}

/** A version's plan as its planner holder sees it: where each shard's paging stands. */
export interface PlanState {
  /** Per shard of the notifiable index, the last account id enqueued; absent: not started. */
  cursors: Readonly<Record<string, string>>;
  /** The shards whose paging is finished. */
  doneShards: readonly string[];
}

/**
 * The fan-out's plan, kept on its version: a lease (one planner at a time) and, per shard, a
 * cursor that moves only with the lease, atomically with the count of accounts it planned.
 */
export interface NoticePlans {
  /** The versions whose plan is not finished. */
  unfinished(): Promise<string[]>;
  /** Takes the plan's lease until `until` if it is free (or stale) and the plan not finished; its state, or undefined. */
  takeLease(version: string, owner: string, at: Date, until: Date): Promise<PlanState | undefined>;
  /**
   * Moves a shard's cursor from `from` to `to` (done when `done`), adds `count` to `planned` and
   * renews the lease: only while `owner` holds it and the cursor is still `from`. False otherwise.
   */
  advance(version: string, owner: string, step: { shard: string; from?: string; to?: string; count: number; done: boolean }, until: Date): Promise<boolean>;
  /** Marks the plan finished (every shard done) and frees the lease. */
  finish(version: string, owner: string, at: Date): Promise<void>;
  /** Frees the lease (a planner out of time), so the next one need not wait for it to go stale. */
  release(version: string, owner: string): Promise<void>;
}

/** The sparse, sharded index of notifiable accounts (active, not opted out of all communication). */
export interface NotifiableAccounts {
  /** Account ids of a shard after `after`, in id order, at most `limit`; `more` when the shard goes on. */
  page(shard: number, after: string | undefined, limit: number): Promise<{ accountIds: string[]; more: boolean }>;
}

/** The policy-notices queue. */
export interface NoticeQueue {
  /** Enqueues each group of account ids as one message; fails loudly when any is not taken. */
  send(version: string, groups: readonly (readonly string[])[]): Promise<void>;
  /** Asks for the version's plan to be continued. */
  requestPlan(version: string): Promise<void>;
}

/** How one account stands with a version's notice, as its record says. */
type NoticeOutcome = 'sent' | 'skipped' | 'failed';
/** Why an account was skipped. */
export type SkipReason = 'deactivated' | 'unproven' | 'opted_out' | 'suppressed' | 'erased';

/** An account's notice record as read, before it is claimed. */
export interface NoticeRecord {
  status: 'sending' | NoticeOutcome;
  /** Claims so far. */
  attempts: number;
  claimId: string;
  claimedAt: string;
}

/** What a claim found: the claim is ours, another consumer changed the record first, or the account is gone (or being erased). */
export type NoticeClaim = 'claimed' | 'lost' | 'gone';

/**
 * The per-account-per-version notice records (in the account's partition: exported, erased with
 * it) and the version's counters, which move only with a record's outcome (one transaction, and a
 * settlement marker per account, so each account is counted once).
 */
export interface NoticeRecords {
  /**
   * Claims the notice as `claimId`: a new record, or, when `previous` names the stale claim read,
   * that record; never in the partition of an account gone or being erased.
   */
  claim(notice: { version: string; kind: PolicyVersion['kind']; accountId: string; claimId: string; at: Date; previous?: NoticeRecord }): Promise<NoticeClaim>;
  /**
   * Records the claimed notice's outcome and counts it, if the claim is still `claimId`'s and the
   * account has not been counted; `settlementKey` names the account in the counters' partition (a
   * keyed digest, never its id).
   */
  settle(notice: { version: string; accountId: string; claimId: string; settlementKey: string; outcome: NoticeOutcome; reason?: SkipReason; at: Date }): Promise<void>;
  /**
   * Gives a claim back, uncounted, if it is still `claimId`'s: SES asked to slow down, and the
   * message comes back sooner than the claim's lease would pass.
   */
  release(notice: { version: string; accountId: string; claimId: string }): Promise<void>;
  /** Counts an account that is gone as skipped, once (nothing is written in its partition). */
  settleGone(notice: { version: string; settlementKey: string; at: Date }): Promise<void>;
}

/** The accounts a message names, each with its notice record of the version, read together in its order. */
export type NoticeTargets = (version: string, accountIds: readonly string[]) => Promise<{ account?: Account; notice?: NoticeRecord }[]>;

/** The counters of a version: `planned` from its plan, the outcomes summed over their shards. */
export interface NoticeCounterReader {
  counters(version: string): Promise<{ planned: number; sent: number; skipped: number; failed: number } | undefined>;
}
