// The policy notices' ports in memory, each keeping the conditions its DynamoDB adapter writes
// (shared/adapters/dynamo/policy-store.ts), so the use cases' exactly-once claims can be tested
// under races, crashes and redeliveries.
import type { Account } from '../../shared/accounts/account';
import type { AuditEntry } from '../../shared/audit/trail';
import type { EmailDeliveries, EmailSender } from '../../shared/email/ports';
import type { RenderedEmail } from '../../shared/email/templates';
import { NOTIFIABLE_SHARDS } from '../../shared/policies/fan-out';
import { RetryLater } from '../../shared/jobs/retry-later';
import { Pacer } from '../../shared/policies/pacing';
import type { PolicyVersion } from '../../shared/policies/policy';
import type { NoticeClaim, NoticeCounterReader, NoticePlans, NoticeQueue, NoticeRecord, NoticeRecords, NoticeTargets, NotifiableAccounts, PlanState, PolicyStore } from '../../shared/policies/ports';
import { shardOf } from '../../shared/adapters/dynamo/shards';
import { account } from './accounts';
import { testPseudonymiser } from './account-fakes';
import { MemorySuppressions } from './erasure-fakes';

interface Plan {
  cursors: Record<string, string>;
  done: Set<string>;
  planned: number;
  plannedAt?: string;
  leaseOwner?: string;
  leaseUntil?: string;
}

class MemoryPolicyStore implements PolicyStore, NoticePlans, NoticeCounterReader {
  readonly versions = new Map<string, PolicyVersion>();
  readonly plans = new Map<string, Plan>();
  readonly audit: AuditEntry[] = [];
  readonly outcomes = new Map<string, { sent: number; skipped: number; failed: number }>();

  async publish(version: PolicyVersion, audit: AuditEntry) {
    if (this.versions.has(version.version)) return false;
    this.versions.set(version.version, version);
    this.plans.set(version.version, { cursors: {}, done: new Set(), planned: 0 });
    this.outcomes.set(version.version, { sent: 0, skipped: 0, failed: 0 });
    this.audit.push(audit);
    return true;
  }

  async get(version: string) {
    return this.versions.get(version);
  }

  async list() {
    return [...this.versions.values()];
  }

  async unfinished() {
    return [...this.plans.entries()].filter(([, plan]) => plan.plannedAt === undefined).map(([version]) => version);
  }

  async takeLease(version: string, owner: string, at: Date, until: Date): Promise<PlanState | undefined> {
    const plan = this.plans.get(version);
    if (!plan || plan.plannedAt !== undefined || (plan.leaseUntil !== undefined && plan.leaseUntil >= at.toISOString())) return undefined;
    plan.leaseOwner = owner;
    plan.leaseUntil = until.toISOString();
    return { cursors: { ...plan.cursors }, doneShards: [...plan.done] };
  }

  async advance(version: string, owner: string, step: { shard: string; from?: string; to?: string; count: number; done: boolean }, until: Date) {
    const plan = this.plans.get(version)!;
    if (plan.leaseOwner !== owner || plan.cursors[step.shard] !== step.from) return false;
    plan.planned += step.count;
    plan.leaseUntil = until.toISOString();
    if (step.to !== undefined) plan.cursors[step.shard] = step.to;
    if (step.done) plan.done.add(step.shard);
    return true;
  }

  async finish(version: string, owner: string, at: Date) {
    const plan = this.plans.get(version)!;
    if (plan.leaseOwner !== owner) return;
    plan.plannedAt = at.toISOString();
    delete plan.leaseOwner;
    delete plan.leaseUntil;
  }

  async release(version: string, owner: string) {
    const plan = this.plans.get(version)!;
    if (plan.leaseOwner !== owner) return;
    delete plan.leaseOwner;
    delete plan.leaseUntil;
  }

  async counters(version: string) {
    const plan = this.plans.get(version);
    return plan ? { planned: plan.planned, ...this.outcomes.get(version)! } : undefined;
  }
}

class MemoryNotifiable implements NotifiableAccounts {
  constructor(private readonly accounts: Map<string, Account>) {}

  async page(shard: number, after: string | undefined, limit: number) {
    const listed = [...this.accounts.values()]
      .filter((held) => held.status === 'active' && !held.preferences.optOutAll && held.removal === undefined && shardOf(held.accountId, NOTIFIABLE_SHARDS) === shard)
      .map(({ accountId }) => accountId)
      .filter((accountId) => after === undefined || accountId > after)
      .sort();
    return { accountIds: listed.slice(0, limit), more: listed.length > limit };
  }
}

class MemoryNoticeQueue implements NoticeQueue {
  readonly messages: { policyVersion: string; accountIds: string[] }[] = [];
  readonly planRequests: string[] = [];
  /** Set to fail the next `send` (SQS unavailable). */
  failNextSend = false;

  async send(version: string, groups: readonly (readonly string[])[]) {
    if (this.failNextSend) {
      this.failNextSend = false;
      throw new Error('SQS unavailable');
    }
    // A page's messages are taken one batch call at a time: yield between them, as a network call does.
    for (const accountIds of groups) {
      await Promise.resolve();
      this.messages.push({ policyVersion: version, accountIds: [...accountIds] });
    }
  }

  async requestPlan(version: string) {
    this.planRequests.push(version);
  }
}

const noticeKey = (accountId: string, version: string) => `${accountId}#${version}`;

class MemoryNoticeRecords implements NoticeRecords {
  readonly records = new Map<string, NoticeRecord & { version: string; reason?: string }>();
  readonly settlements = new Set<string>();

  constructor(
    private readonly accounts: Map<string, Account>,
    private readonly store: MemoryPolicyStore,
  ) {}

  async claim(notice: { version: string; accountId: string; claimId: string; at: Date; previous?: NoticeRecord }): Promise<NoticeClaim> {
    await Promise.resolve();
    const held = this.accounts.get(notice.accountId);
    if (!held || held.removal !== undefined) return 'gone';
    const key = noticeKey(notice.accountId, notice.version);
    const current = this.records.get(key);
    if (notice.previous ? current?.claimId !== notice.previous.claimId || current.status !== 'sending' : current !== undefined) return 'lost';
    this.records.set(key, { version: notice.version, status: 'sending', claimId: notice.claimId, claimedAt: notice.at.toISOString(), attempts: (notice.previous?.attempts ?? 0) + 1 });
    return 'claimed';
  }

  async settle(notice: { version: string; accountId: string; claimId: string; settlementKey: string; outcome: 'sent' | 'skipped' | 'failed'; reason?: string }) {
    await Promise.resolve();
    const key = noticeKey(notice.accountId, notice.version);
    const current = this.records.get(key);
    if (current?.claimId !== notice.claimId || this.settlements.has(notice.settlementKey)) return;
    this.records.set(key, { ...current, status: notice.outcome, ...(notice.reason ? { reason: notice.reason } : {}) });
    this.count(notice.version, notice.settlementKey, notice.outcome);
  }

  async release(notice: { version: string; accountId: string; claimId: string }) {
    const key = noticeKey(notice.accountId, notice.version);
    const current = this.records.get(key);
    if (current?.claimId === notice.claimId && current.status === 'sending') this.records.set(key, { ...current, claimedAt: new Date(0).toISOString(), attempts: current.attempts - 1 });
  }

  async settleGone(notice: { version: string; settlementKey: string }) {
    if (!this.settlements.has(notice.settlementKey)) this.count(notice.version, notice.settlementKey, 'skipped');
  }

  private count(version: string, settlementKey: string, outcome: 'sent' | 'skipped' | 'failed') {
    this.settlements.add(settlementKey);
    this.store.outcomes.get(version)![outcome] += 1;
  }
}

/** SES in memory: what it took, by address; set `failOn` to refuse one address's email (a failing dependency). */
class MemorySes implements EmailSender {
  readonly sent: { to: string; email: RenderedEmail }[] = [];
  failOn = new Set<string>();
  /** Addresses whose email SES throttles (it asks to slow down). */
  throttleOn = new Set<string>();

  async send(to: string, email: RenderedEmail) {
    await Promise.resolve();
    if (this.failOn.has(to)) throw Object.assign(new Error('SES unavailable'), { name: 'ServiceUnavailable' });
    if (this.throttleOn.has(to)) throw new RetryLater('TooManyRequestsException');
    this.sent.push({ to, email });
  }

  to(address: string) {
    return this.sent.filter((sent) => sent.to === address);
  }
}

class MemoryDeliveries implements EmailDeliveries {
  readonly markers = new Map<string, { status: 'sending' | 'sent'; claimId: string; claimedAt: Date }>();

  async claim(messageId: string, claimId: string, at: Date, staleBefore: Date) {
    const marker = this.markers.get(messageId);
    if (marker?.status === 'sent') return { outcome: 'sent' as const };
    if (marker && marker.claimedAt > staleBefore) return { outcome: 'in_flight' as const, claimedAt: marker.claimedAt };
    this.markers.set(messageId, { status: 'sending', claimId, claimedAt: at });
    return { outcome: 'claimed' as const, claimId };
  }

  async markSent(messageId: string, claimId: string) {
    const marker = this.markers.get(messageId);
    if (marker?.claimId === claimId) marker.status = 'sent';
  }
}

/** A world of accounts, a published version, and every port of the planner and the sender in memory. */
export const noticesWorld = () => {
  const accounts = new Map<string, Account>();
  const policies = new MemoryPolicyStore();
  const queue = new MemoryNoticeQueue();
  const records = new MemoryNoticeRecords(accounts, policies);
  const ses = new MemorySes();
  const suppressions = new MemorySuppressions();
  const targets: NoticeTargets = async (version, accountIds) =>
    accountIds.map((accountId) => {
      const held = accounts.get(accountId);
      const notice = records.records.get(noticeKey(accountId, version));
      return { ...(held ? { account: structuredClone(held) } : {}), ...(notice ? { notice: { ...notice } } : {}) };
    });
  let serial = 0;
  return {
    accounts,
    policies,
    queue,
    records,
    ses,
    suppressions,
    plannerDeps: { plans: policies, index: new MemoryNotifiable(accounts), queue },
    senderDeps: {
      versions: policies,
      targets,
      records,
      pipeline: { deliveries: new MemoryDeliveries(), suppressions, pseudonymiser: testPseudonymiser, sender: ses },
      pacer: new Pacer(1_000_000),
      apiUrl: 'https://api.fax.unit.test',
    },
    /** Adds an account (active unless told otherwise); answers it. */
    givenAccount: (overrides: Partial<Account> = {}) => {
      serial += 1;
      const accountId = `acc_01KB${String(serial).padStart(22, '0')}`;
      const held = account({ accountId, email: `customer${serial}@acme.test`, status: 'active', ...overrides });
      accounts.set(accountId, held);
      return held;
    },
  };
};
export type NoticesWorld = ReturnType<typeof noticesWorld>;
