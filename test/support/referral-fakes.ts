// In-memory stand-ins of the referrals slice's ports, keeping their promises (a referral written
// once, an opt-out's first time kept), so its rules are tested apart from DynamoDB's wiring.
import type { Page, PageRequest } from '../../shared/pages';
import type { ReferralCreatedV1 } from '../../events/referral-created';
import type { ReferralOptOuts, ReferralQueue, ReferralStore } from '../../shared/referrals/ports';
import type { Referral, ReferralRef } from '../../shared/referrals/referral';

export class MemoryReferralOptOuts implements ReferralOptOuts {
  readonly optedOut = new Map<string, string>();

  async optOut(emailHash: string, at: string) {
    if (!this.optedOut.has(emailHash)) this.optedOut.set(emailHash, at);
  }

  async isOptedOut(emailHash: string) {
    return this.optedOut.has(emailHash);
  }
}

export class MemoryReferralStore implements ReferralStore {
  readonly referrals = new Map<string, Referral>();
  /** The referrals whose `referral.created` is not queued yet, by id. */
  readonly pending = new Set<string>();

  async add(referral: Referral) {
    if (this.referrals.has(referral.referralId)) throw new Error('referral exists');
    this.referrals.set(referral.referralId, structuredClone(referral));
    this.pending.add(referral.referralId);
  }

  async markQueued({ referralId }: ReferralRef) {
    this.pending.delete(referralId);
  }

  async pendingSince(before: Date, limit: number): Promise<ReferralRef[]> {
    return [...this.referrals.values()]
      .filter(({ referralId, createdAt }) => this.pending.has(referralId) && createdAt < before.toISOString())
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(0, limit)
      .map(({ referrerId, referralId }) => ({ referrerId, referralId }));
  }

  async get(referrerId: string, referralId: string) {
    const referral = this.referrals.get(referralId);
    return referral?.referrerId === referrerId ? structuredClone(referral) : undefined;
  }

  async listOf(referrerId: string, { limit, cursor }: PageRequest): Promise<Page<Referral>> {
    const all = this.newestFirst().filter((referral) => referral.referrerId === referrerId && (cursor === undefined || referral.referralId < cursor));
    const items = all.slice(0, limit);
    return { items, ...(all.length > limit ? { nextCursor: items[limit - 1].referralId } : {}) };
  }

  async latestOf(referrerId: string, friendEmailHash: string) {
    return this.newestFirst().find((referral) => referral.referrerId === referrerId && referral.friendEmailHash === friendEmailHash);
  }

  async forgetFriend(friendEmailHash: string) {
    const forgotten = [...this.referrals.values()].filter((referral) => referral.friendEmailHash === friendEmailHash);
    for (const { referralId } of forgotten) {
      this.referrals.delete(referralId);
      this.pending.delete(referralId);
    }
    return forgotten.length;
  }

  private newestFirst() {
    return [...this.referrals.values()].sort((a, b) => b.referralId.localeCompare(a.referralId));
  }
}

/** The referrals queue, keeping what was sent until a test delivers it. */
export class MemoryReferralQueue implements ReferralQueue {
  readonly sent: ReferralCreatedV1[] = [];

  async send(event: ReferralCreatedV1) {
    this.sent.push(structuredClone(event));
  }
}
