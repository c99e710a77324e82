// In-memory stand-ins of the erasure's ports, over the accounts world's stores: each keeps what
// the port promises (pages, idempotent deletes), so the erasure's steps are tested apart from AWS.
import type { SuppressionList, SuppressionReason } from '../../shared/email/ports';
import { personEmailHash } from '../../shared/pseudonyms';
import type { ErasureDependencies } from '../../shared/rights/erasure';
import type { AccountItemRef, AccountPartitions, DocumentBulkDeletes, ErasureReceipts, PersonRequests } from '../../shared/rights/erasure-ports';
import type { ReporterIdentity } from '../../shared/junk/case';
import type { RightsRequest, RightsType } from '../../shared/rights/request';
import { accountsWorld, testPseudonymiser } from './account-fakes';
import { MemoryExportStore } from './export-fakes';
import { MemoryRightsRequestStore } from './rights-fakes';

/** Every account's partition (its profile aside), in key order. */
class MemoryAccountPartitions implements AccountPartitions {
  readonly items = new Map<string, AccountItemRef[]>();

  async page(accountId: string, limit: number, cursor?: string) {
    const all = (this.items.get(accountId) ?? []).toSorted((a, b) => a.key.SK.localeCompare(b.key.SK));
    const after = cursor === undefined ? all : all.filter(({ key }) => key.SK > cursor);
    const items = after.slice(0, limit);
    return { items: structuredClone(items), ...(after.length > limit ? { cursor: items.at(-1)!.key.SK } : {}) };
  }

  async deleteAll(refs: readonly AccountItemRef[]) {
    const gone = new Set(refs.map(({ key }) => `${key.PK} ${key.SK}`));
    for (const [accountId, items] of this.items) this.items.set(accountId, items.filter(({ key }) => !gone.has(`${key.PK} ${key.SK}`)));
  }
}

class MemoryDocuments implements DocumentBulkDeletes {
  readonly keys = new Set<string>();
  readonly calls: number[] = [];

  async deleteAll(keys: readonly string[]) {
    this.calls.push(keys.length);
    for (const key of keys) this.keys.delete(key);
  }
}

/** The person listing of the rights requests store (GSI1), one request a page so paging is exercised. */
class MemoryPersonRequests implements PersonRequests {
  constructor(private readonly store: MemoryRightsRequestStore) {}

  async page(emailHash: string, cursor?: string) {
    const listed = [...this.store.items.values()].filter((request) => request.emailHash === emailHash).map(({ requestId }) => requestId).sort();
    const after = cursor === undefined ? listed : listed.filter((id) => id > cursor);
    return { requestIds: after.slice(0, 1), ...(after.length > 1 ? { cursor: after[0] } : {}) };
  }

  async anonymise(requestId: string, fields: readonly string[]) {
    const request = this.store.items.get(requestId) as unknown as Record<string, unknown> | undefined;
    if (request?.email === undefined) return false;
    for (const field of fields) delete request[field];
    return true;
  }
}

export class MemorySuppressions implements SuppressionList {
  readonly entries = new Map<string, SuppressionReason>();

  async reasonFor(addressKey: string) {
    return this.entries.get(addressKey);
  }

  async suppress(addressKey: string, reason: SuppressionReason) {
    if (!this.entries.has(addressKey)) this.entries.set(addressKey, reason);
  }
}

class MemoryReceipts implements ErasureReceipts {
  readonly receipts = new Map<string, Record<string, number>>();

  async tally(requestId: string, _at: string, counts: Readonly<Record<string, number>>) {
    const receipt = this.receipts.get(requestId) ?? {};
    for (const [kind, count] of Object.entries(counts)) receipt[kind] = (receipt[kind] ?? 0) + count;
    this.receipts.set(requestId, receipt);
  }
}

/** The junk-fax reports filed, by reporter (`account:<id>` or `email:<hash>`): how many still name them. */
class MemoryReporters {
  readonly filed = new Map<string, number>();

  static keyOf(reporter: ReporterIdentity) {
    return 'accountId' in reporter ? `account:${reporter.accountId}` : `email:${reporter.emailHash}`;
  }

  async forgetReporter(reporter: ReporterIdentity) {
    const key = MemoryReporters.keyOf(reporter);
    const count = this.filed.get(key) ?? 0;
    this.filed.delete(key);
    return count;
  }
}

/** The erasure's world: the accounts world, the partitions, the documents, the requests, suppressions and receipts. */
export const erasureWorld = () => {
  const world = accountsWorld();
  const partitions = new MemoryAccountPartitions();
  const documents = new MemoryDocuments();
  const requestStore = new MemoryRightsRequestStore();
  const suppressions = new MemorySuppressions();
  const receipts = new MemoryReceipts();
  const reporters = new MemoryReporters();
  const exports = new MemoryExportStore();
  const deps: ErasureDependencies = {
    accounts: world.accounts,
    logins: world.logins,
    partitions,
    documents,
    requests: new MemoryPersonRequests(requestStore),
    suppressions,
    receipts,
    pseudonymiser: testPseudonymiser,
    reporters,
    exports,
  };
  let requests = 0;
  return {
    ...world,
    partitions,
    documents,
    requestStore,
    suppressions,
    receipts,
    reporters,
    exports,
    deps,
    /** Files `reports` junk-fax reports by the reporter. */
    givenReportsFiledBy: (reporter: ReporterIdentity, reports: number) => reporters.filed.set(MemoryReporters.keyOf(reporter), reports),
    /** Gives the account `faxes` faxes (each with its document), a consent, a blocked sender and a gone fax's marker. */
    givenFaxes: (accountId: string, faxes: number) => {
      const pk = `ACCOUNT#${accountId}`;
      const items: AccountItemRef[] = [
        { key: { PK: pk, SK: 'BLOCKED#+15550001111' }, kind: 'blocked_sender' },
        { key: { PK: pk, SK: 'CONSENT#con_1' }, kind: 'consent' },
        { key: { PK: pk, SK: 'FAXGONE#fax_gone' }, kind: 'fax_gone' },
      ];
      for (let index = 0; index < faxes; index += 1) {
        const faxId = `fax_${String(index).padStart(6, '0')}`;
        items.push({ key: { PK: pk, SK: `FAX#${faxId}` }, kind: 'fax', documentKey: `faxes/${faxId}` });
        documents.keys.add(`faxes/${faxId}`);
      }
      partitions.items.set(accountId, items);
    },
    /** Files a rights request of `email` in `status`. */
    givenRequest: async (email: string, type: RightsType, status: RightsRequest['status'] = 'completed'): Promise<RightsRequest> => {
      const request: RightsRequest = {
        requestId: `rrq_${String((requests += 1)).padStart(4, '0')}`,
        type,
        status,
        email,
        emailHash: await personEmailHash(testPseudonymiser, email),
        details: 'Please act on my data.',
        createdAt: '2026-11-01T10:00:00.000Z',
        dueAt: '2026-12-01T10:00:00.000Z',
      };
      await requestStore.create(request);
      return request;
    },
  };
};
export type ErasureWorld = ReturnType<typeof erasureWorld>;
