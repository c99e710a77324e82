import type { RightsRequestVerifiedV1 } from '../../events/rights-request-verified';
import type { AuditEntry } from '../../shared/audit/trail';
import type { Page, PageRequest } from '../../shared/pages';
import { filerOf, FULFILMENT_ACTOR, rightsRequestSubject } from '../../shared/rights/audit';
import type { DueSelection, RightsDeadlineStore, RightsRequestQueue, RightsRequestStore, StalledStatus } from '../../shared/rights/ports';
import { ANSWER_OWED_STATUSES, LEGAL_HOLD_RESULT, type RightsRequest, type RightsStatus } from '../../shared/rights/request';

type Stored = RightsRequest & { requeuedAt?: string };

/** Rights requests in memory, each conditional write atomic as the DynamoDB store's, with the audit entries each change appends. */
export class MemoryRightsRequestStore implements RightsRequestStore {
  readonly items = new Map<string, Stored>();
  readonly audit: AuditEntry[] = [];

  async create(request: RightsRequest) {
    if (this.items.has(request.requestId)) throw new Error('request id taken');
    this.items.set(request.requestId, structuredClone(request));
    const subject = rightsRequestSubject(request.requestId);
    this.audit.push({ subject, action: 'received', actor: filerOf(request), at: request.createdAt });
    if (request.status === 'verified') this.audit.push({ subject, action: 'verified', actor: filerOf(request), at: request.verifiedAt ?? request.createdAt });
  }

  async get(requestId: string) {
    return structuredClone(this.items.get(requestId));
  }

  async countCodeAttempt(requestId: string, maxAttempts: number) {
    const request = this.items.get(requestId);
    if (request?.status !== 'pending_verification' || !request.pendingCode || request.pendingCode.attempts >= maxAttempts) return undefined;
    request.pendingCode.attempts += 1;
    return structuredClone(request);
  }

  async settleVerification(requestId: string, codeHash: string, outcome: 'verified' | 'rejected', settledAt: string) {
    const request = this.items.get(requestId);
    if (request?.status !== 'pending_verification' || request.pendingCode?.codeHash !== codeHash) return false;
    const { pendingCode: _dropped, ...settled } = request;
    this.items.set(requestId, { ...settled, status: outcome, [`${outcome}At`]: settledAt });
    this.audit.push({ subject: rightsRequestSubject(requestId), action: outcome, actor: { kind: 'requester' }, at: settledAt });
    return true;
  }

  async beginFulfilment(requestId: string, startedAt: string) {
    const request = this.items.get(requestId);
    if (request?.status === 'verified' || request?.status === 'on_hold') {
      this.items.set(requestId, { ...request, status: 'in_progress', startedAt });
      this.audit.push({ subject: rightsRequestSubject(requestId), action: 'fulfilment-started', actor: FULFILMENT_ACTOR, at: startedAt });
    }
    const current = this.items.get(requestId);
    return current?.status === 'in_progress' ? structuredClone(current) : undefined;
  }

  async holdForLegalHold(requestId: string, at: string) {
    const request = this.items.get(requestId);
    if (request?.status !== 'in_progress') return false;
    this.items.set(requestId, { ...request, status: 'on_hold', result: { ...LEGAL_HOLD_RESULT } });
    this.audit.push({ subject: rightsRequestSubject(requestId), action: 'put-on-legal-hold', actor: FULFILMENT_ACTOR, at });
    return true;
  }

  async complete(requestId: string, { result, completedAt, forgetRequester }: { result?: Record<string, unknown>; completedAt: string; forgetRequester: boolean }) {
    const request = this.items.get(requestId);
    if (request?.status !== 'in_progress') return false;
    const kept = forgetRequester
      ? (({ email: _e, emailHash: _h, details: _d, corrections: _c, accountId: _a, ...rest }) => rest)(request)
      : request;
    this.items.set(requestId, { ...kept, status: 'completed', completedAt, ...(result ? { result } : {}) } as RightsRequest);
    this.audit.push({ subject: rightsRequestSubject(requestId), action: 'completed', actor: FULFILMENT_ACTOR, at: completedAt });
    return true;
  }

  async stalled(status: StalledStatus, before: Date, limit: number) {
    const cutoff = before.toISOString();
    const enteredAt = (request: Stored) => (status === 'verified' ? request.verifiedAt : request.startedAt) ?? '';
    return [...this.items.values()]
      .filter((request) => request.status === status && enteredAt(request) < cutoff && (request.requeuedAt ?? '') < cutoff)
      .slice(0, limit)
      .map((request) => request.requestId);
  }

  async noteRequeued(requestId: string, requeuedAt: string) {
    const request = this.items.get(requestId);
    if (request) request.requeuedAt = requeuedAt;
  }
}

/** The rights requests queue in memory: what was sent, in order. */
export class MemoryRightsRequestQueue implements RightsRequestQueue {
  readonly sent: { event: RightsRequestVerifiedV1; requestId?: string }[] = [];

  async send(event: RightsRequestVerifiedV1, requestId?: string) {
    this.sent.push({ event, requestId });
  }
}

const isOwed = (status: RightsStatus) => (ANSWER_OWED_STATUSES as readonly RightsStatus[]).includes(status);
const listingKey = ({ dueAt, requestId }: RightsRequest) => `${dueAt}#${requestId}`;

/** The rights requests' deadlines in memory, as the DynamoDB store's: each change atomic with its audit entry (kept in `audit`). */
export class MemoryRightsDeadlineStore extends MemoryRightsRequestStore implements RightsDeadlineStore {
  readonly audit: AuditEntry[] = [];

  async listByStatus(status: RightsStatus, due: DueSelection | undefined, { limit, cursor }: PageRequest): Promise<Page<RightsRequest>> {
    const listed = [...this.items.values()]
      .filter((request) => request.status === status)
      .filter((request) => (due === undefined ? true : 'before' in due ? request.dueAt < due.before : request.dueAt >= due.notBefore))
      .sort((a, b) => listingKey(a).localeCompare(listingKey(b)))
      .filter((request) => cursor === undefined || listingKey(request) > cursor);
    const items = listed.slice(0, limit);
    return { items: structuredClone(items), ...(listed.length > limit ? { nextCursor: listingKey(items[limit - 1]) } : {}) };
  }

  async markOverdue(requestId: string, dueAt: string, audit: AuditEntry) {
    return this.changeAudited(requestId, (request) => isOwed(request.status) && request.dueAt === dueAt && !request.overdueAt, { overdueAt: audit.at }, audit);
  }

  async rejectUnverified(requestId: string, audit: AuditEntry) {
    const request = this.items.get(requestId);
    if (request?.status !== 'pending_verification' || !request.pendingCode || request.pendingCode.codeExpiresAt >= audit.at) return false;
    const { pendingCode: _dropped, ...rest } = request;
    this.items.set(requestId, { ...rest, status: 'rejected', rejectedAt: audit.at });
    this.audit.push(audit);
    return true;
  }

  async extend(requestId: string, { previousDueAt, dueAt, reason }: { previousDueAt: string; dueAt: string; reason: string }, audit: AuditEntry) {
    return this.changeAudited(
      requestId,
      (request) => isOwed(request.status) && !request.extendedAt && request.dueAt === previousDueAt && request.dueAt >= audit.at,
      { dueAt, extendedAt: audit.at, extensionReason: reason },
      audit,
    );
  }

  private async changeAudited(requestId: string, holds: (request: RightsRequest) => boolean, change: Partial<RightsRequest>, audit: AuditEntry) {
    const request = this.items.get(requestId);
    if (!request || !holds(request)) return false;
    this.items.set(requestId, { ...request, ...change });
    this.audit.push(audit);
    return true;
  }
}
