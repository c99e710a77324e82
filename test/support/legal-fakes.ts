// The legal requests' ports in memory, with the conditions the DynamoDB store keeps (a move only
// from the status it names; holds ended with their request's `holdEndsAt`).
import type { AuditEntry } from '../../shared/audit/trail';
import type { HeldFaxRef, HeldFaxStore, HoldIdentities, LegalHold, LegalHolds, LegalMove, LegalRequestStore, RetentionTags } from '../../shared/legal/ports';
import type { RetentionTagValue } from '../../shared/faxes/fax';
import type { FaxHoldState, LegalRequest, LegalStatus } from '../../shared/legal/request';
import type { Page, PageRequest } from '../../shared/pages';

const identitiesOf = ({ accountId, emailHash }: HoldIdentities) => [...(accountId ? [`account:${accountId}`] : []), ...(emailHash ? [`email:${emailHash}`] : [])];

export class MemoryLegalRequestStore implements LegalRequestStore, LegalHolds {
  readonly requests = new Map<string, LegalRequest>();
  readonly audit: AuditEntry[] = [];
  private readonly holdsBy = new Map<string, string[]>();

  async create(request: LegalRequest, holds: HoldIdentities, audit: readonly AuditEntry[]): Promise<void> {
    if (this.requests.has(request.legalRequestId)) throw new Error('collision');
    this.requests.set(request.legalRequestId, structuredClone(request));
    this.holdsBy.set(request.legalRequestId, identitiesOf(holds));
    this.audit.push(...audit);
  }

  async get(legalRequestId: string): Promise<LegalRequest | undefined> {
    const request = this.requests.get(legalRequestId);
    return request && structuredClone(request);
  }

  async move(legalRequestId: string, { from, to, changes, audit }: LegalMove): Promise<boolean> {
    const request = this.requests.get(legalRequestId);
    if (request?.status !== from) return false;
    this.requests.set(legalRequestId, { ...request, ...structuredClone(changes), status: to });
    this.audit.push(audit);
    return true;
  }

  private page(filter: (request: LegalRequest) => boolean, { limit }: PageRequest): Page<LegalRequest> {
    return { items: [...this.requests.values()].filter(filter).slice(0, limit) };
  }

  async listByStatus(status: LegalStatus, page: PageRequest): Promise<Page<LegalRequest>> {
    return this.page((request) => request.status === status, page);
  }

  async listHolds(at: string, page: PageRequest): Promise<Page<LegalRequest>> {
    return this.page(({ holdEndsAt }) => holdEndsAt === undefined || holdEndsAt > at, page);
  }

  async listAllHolds(page: PageRequest): Promise<Page<LegalRequest>> {
    return this.page(() => true, page);
  }

  async markFaxHolds(legalRequestId: string, from: FaxHoldState, to: FaxHoldState): Promise<boolean> {
    const request = this.requests.get(legalRequestId);
    if (request?.faxHolds !== from) return false;
    request.faxHolds = to;
    return true;
  }

  async holdsOn(identities: HoldIdentities, at: string): Promise<LegalHold[]> {
    const wanted = identitiesOf(identities);
    return [...this.requests.values()]
      .filter(({ legalRequestId, holdEndsAt }) => (holdEndsAt === undefined || holdEndsAt > at) && this.holdsBy.get(legalRequestId)!.some((identity) => wanted.includes(identity)))
      .map(({ legalRequestId, scope: { categories, from, to }, holdEndsAt }) => ({ legalRequestId, categories, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(holdEndsAt ? { holdEndsAt } : {}) }));
  }
}

/** An account's faxes in memory with their hold marks and TTL, and their documents' retention tags. */
export class MemoryHeldFaxes implements HeldFaxStore, RetentionTags {
  readonly faxes = new Map<string, HeldFaxRef & { accountId: string; ttl: boolean }>();
  readonly tags = new Map<string, RetentionTagValue>();

  add(accountId: string, faxId: string, receivedAt: string) {
    this.faxes.set(faxId, { accountId, faxId, receivedAt, expiresAt: '2026-09-01T00:00:00.000Z', documentKey: `faxes/${faxId}`, ttl: true });
    this.tags.set(`faxes/${faxId}`, 'standard');
  }

  async *faxesOf(accountId: string): AsyncGenerator<readonly HeldFaxRef[]> {
    yield [...this.faxes.values()].filter((fax) => fax.accountId === accountId).map(({ accountId: _a, ttl: _t, ...fax }) => structuredClone(fax));
  }

  async hold(_accountId: string, { faxId }: HeldFaxRef, legalRequestId: string) {
    const fax = this.faxes.get(faxId);
    if (fax) Object.assign(fax, { legalHolds: [...new Set([...(fax.legalHolds ?? []), legalRequestId])], ttl: false });
  }

  async release(_accountId: string, { faxId }: HeldFaxRef, legalRequestId: string) {
    const fax = this.faxes.get(faxId);
    if (!fax) return false;
    const remaining = (fax.legalHolds ?? []).filter((id) => id !== legalRequestId);
    Object.assign(fax, remaining.length === 0 ? { legalHolds: undefined, ttl: true } : { legalHolds: remaining });
    return remaining.length === 0;
  }

  async tagRetention(key: string, value: RetentionTagValue) {
    if (!this.tags.has(key)) return false;
    this.tags.set(key, value);
    return true;
  }
}
