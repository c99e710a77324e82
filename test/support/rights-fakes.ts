import type { RightsRequestStore } from '../../shared/rights/ports';
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
}
