// The legal requests' ports in memory, with the conditions the DynamoDB store keeps (a move only
// from the status it names; holds ended with their request's `holdEndsAt`).
import type { AuditEntry } from '../../shared/audit/trail';
import type { HoldIdentities, LegalHold, LegalHolds, LegalMove, LegalRequestStore } from '../../shared/legal/ports';
import type { LegalRequest, LegalStatus } from '../../shared/legal/request';
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

  async holdsOn(identities: HoldIdentities, at: string): Promise<LegalHold[]> {
    const wanted = identitiesOf(identities);
    return [...this.requests.values()]
      .filter(({ legalRequestId, holdEndsAt }) => (holdEndsAt === undefined || holdEndsAt > at) && this.holdsBy.get(legalRequestId)!.some((identity) => wanted.includes(identity)))
      .map(({ legalRequestId, scope: { categories, from, to }, holdEndsAt }) => ({ legalRequestId, categories, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(holdEndsAt ? { holdEndsAt } : {}) }));
  }
}
