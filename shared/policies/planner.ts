import { randomUUID } from 'node:crypto';
import { ACCOUNTS_PER_MESSAGE } from '../../events/policy-notices';
import { now } from '../clock';
import { NOTIFIABLE_SHARDS, PLAN_LEASE_SECONDS, PLAN_PAGE_SIZE } from './fan-out';
import type { NoticePlans, NoticeQueue, NotifiableAccounts } from './ports';

export interface PlannerDependencies {
  plans: NoticePlans;
  index: NotifiableAccounts;
  queue: NoticeQueue;
}

/** What a planner run did to a version. */
export interface PlanOutcome {
  version: string;
  /** Accounts it enqueued (and counted as planned). */
  planned: number;
  status: 'finished' | 'out_of_time' | 'held_elsewhere' | 'lease_lost';
}

const leaseUntil = () => new Date(now().getTime() + PLAN_LEASE_SECONDS * 1000);

const groupsOf = (accountIds: readonly string[]): string[][] => {
  const groups: string[][] = [];
  for (let start = 0; start < accountIds.length; start += ACCOUNTS_PER_MESSAGE) groups.push(accountIds.slice(start, start + ACCOUNTS_PER_MESSAGE));
  return groups;
};

/**
 * Plans one version's notices: pages the notifiable index shard by shard onto the queue, many
 * accounts a message, resuming from the cursors on the version. One planner at a time holds the
 * version's lease; a page's cursor moves (with `planned`) only after its messages are taken, and
 * only from where this planner read it: a crash between the two enqueues that page again (each
 * account's record then makes the second message send nothing) but never counts it twice. Out of
 * time, it frees the lease and asks for the plan to go on.
 */
export const planVersion = async (deps: PlannerDependencies, version: string, hasTimeLeft: () => boolean): Promise<PlanOutcome> => {
  const owner = randomUUID();
  const state = await deps.plans.takeLease(version, owner, now(), leaseUntil());
  if (!state) return { version, planned: 0, status: 'held_elsewhere' };
  let planned = 0;
  for (let shard = 0; shard < NOTIFIABLE_SHARDS; shard += 1) {
    const name = String(shard);
    if (state.doneShards.includes(name)) continue;
    let cursor = state.cursors[name];
    for (;;) {
      if (!hasTimeLeft()) {
        await deps.plans.release(version, owner);
        await deps.queue.requestPlan(version);
        return { version, planned, status: 'out_of_time' };
      }
      const page = await deps.index.page(shard, cursor, PLAN_PAGE_SIZE);
      if (page.accountIds.length > 0) await deps.queue.send(version, groupsOf(page.accountIds));
      const to = page.accountIds.at(-1) ?? cursor;
      const step = { shard: name, from: cursor, to, count: page.accountIds.length, done: !page.more };
      if (!(await deps.plans.advance(version, owner, step, leaseUntil()))) return { version, planned, status: 'lease_lost' };
      planned += page.accountIds.length;
      cursor = to;
      if (!page.more) break;
    }
  }
  await deps.plans.finish(version, owner, now());
  return { version, planned, status: 'finished' };
};

/** The schedule's run: every version whose plan is not finished, until time runs out. */
export const planUnfinished = async (deps: PlannerDependencies, hasTimeLeft: () => boolean): Promise<{ versions: PlanOutcome[] }> => {
  const versions: PlanOutcome[] = [];
  for (const version of await deps.plans.unfinished()) {
    if (!hasTimeLeft()) break;
    versions.push(await planVersion(deps, version, hasTimeLeft));
  }
  return { versions };
};
