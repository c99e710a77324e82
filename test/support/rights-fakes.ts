import type { RightsRequestVerifiedV1 } from '../../events/rights-request-verified';
import type { RightsRequestQueue, RightsRequestStore } from '../../shared/rights/ports';
import type { RightsRequest } from '../../shared/rights/request';

/** Rights requests in memory, each conditional write atomic as the DynamoDB store's. */
export class MemoryRightsRequestStore implements RightsRequestStore {
  readonly items = new Map<string, RightsRequest>();

  async create(request: RightsRequest) {
    if (this.items.has(request.requestId)) throw new Error('request id taken');
    this.items.set(request.requestId, structuredClone(request));
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
    return true;
  }

  async beginFulfilment(requestId: string, startedAt: string) {
    const request = this.items.get(requestId);
    if (request?.status === 'verified') this.items.set(requestId, { ...request, status: 'in_progress', startedAt } as RightsRequest);
    const current = this.items.get(requestId);
    return current?.status === 'in_progress' ? structuredClone(current) : undefined;
  }

  async complete(requestId: string, { result, completedAt, forgetRequester }: { result?: Record<string, unknown>; completedAt: string; forgetRequester: boolean }) {
    const request = this.items.get(requestId);
    if (request?.status !== 'in_progress') return false;
    const kept = forgetRequester
      ? (({ email: _e, emailHash: _h, details: _d, corrections: _c, accountId: _a, ...rest }) => rest)(request)
      : request;
    this.items.set(requestId, { ...kept, status: 'completed', completedAt, ...(result ? { result } : {}) } as RightsRequest);
    return true;
  }
}

/** The rights requests queue in memory: what was sent, in order. */
export class MemoryRightsRequestQueue implements RightsRequestQueue {
  readonly sent: { event: RightsRequestVerifiedV1; requestId?: string }[] = [];

  async send(event: RightsRequestVerifiedV1, requestId?: string) {
    this.sent.push({ event, requestId });
  }
}
