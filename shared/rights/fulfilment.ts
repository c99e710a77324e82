import type { RightsRequestVerifiedV1 } from '../../events/rights-request-verified';
import { nowIso } from '../clock';
import type { EmailOutbox } from '../email/outbox';
import type { RightsRequestQueue, RightsRequestStore } from './ports';
import type { RightsRequest, RightsType } from './request';

/** What a fulfilled request answers its requester (`GET /rights-requests/{id}`, `result`). */
export type RightsResult = Record<string, unknown>;

/**
 * Does what a verified request of one type asks. Idempotent and resumable: run again after a
 * crash or on a redelivery, it finishes what is left and answers the same result. It fails loudly
 * (the message is retried, then dead-lettered) when a dependency fails.
 */
export type Fulfil = (request: RightsRequest, requestId: string) => Promise<RightsResult | undefined>;

/** The fulfilment of every type. */
export type Fulfilments = Readonly<Record<RightsType, Fulfil>>;

/** Hands a request that became `verified` (or stalled on its way) to fulfilment, tagged with the HTTP request behind it, when one was. */
export const queueFulfilment = (queue: RightsRequestQueue, rightsRequestId: string, requestId?: string) =>
  queue.send({ type: 'rights-request.verified', version: 1, requestId: rightsRequestId }, requestId);

/** The export link a result may carry (access, portability): the requester's email carries it too. */
const exportLinkOf = (result: RightsResult | undefined): { url: string; expiresAt: string } | undefined => {
  const link = result?.export as { url?: unknown; expiresAt?: unknown } | undefined;
  return typeof link?.url === 'string' && typeof link.expiresAt === 'string' ? { url: link.url, expiresAt: link.expiresAt } : undefined;
};

/**
 * Fulfils a verified request: marks it `in_progress`, does what its type asks, emails the
 * requester that it is done (exactly once: one message id per request), then completes it. An
 * erasure's request forgets its requester as it completes, after the email is queued; one an admin
 * reported for a child (`reportedBy`) emails nobody. A request that is not open (completed by a
 * twin, rejected, unknown) is left alone. One whose requester an erasure forgot while it waited
 * (it holds no email any more) is completed as it stands: there is no one left to act for or tell.
 */
export const fulfilRightsRequest = async (
  deps: { requests: RightsRequestStore; emails: EmailOutbox; fulfilments: Fulfilments; isUnderLegalHold: (request: RightsRequest) => Promise<boolean> },
  message: RightsRequestVerifiedV1,
  requestId: string,
): Promise<string> => {
  const request = await deps.requests.beginFulfilment(message.requestId, nowIso());
  if (!request) return 'not open';
  if (!request.email) {
    await deps.requests.complete(request.requestId, { result: { requesterErased: true }, completedAt: nowIso(), forgetRequester: true });
    return 'requester erased';
  }
  // GDPR Art. 17(3)(e): an erasure waits while a legal request holds its person's data; the
  // hold-release step queues it again when the hold ends (shared/legal/holds.ts).
  if (request.type === 'erasure' && (await deps.isUnderLegalHold(request))) {
    if (!(await deps.requests.holdForLegalHold(request.requestId, nowIso()))) return 'held by a twin';
    if (!request.reportedBy) {
      await deps.emails.request(
        { template: 'rights-request-on-hold', messageId: `rights-request-on-hold#${request.requestId}`, to: request.email, params: { requestType: request.type } },
        requestId,
      );
    }
    return 'on legal hold';
  }
  const result = await deps.fulfilments[request.type](request, requestId);
  const link = exportLinkOf(result);
  // A child-data report is an admin's, not its person's: the child is not contacted; the admins
  // follow it in their listing (GET /admin/rights-requests?status=completed).
  if (!request.reportedBy) {
    await deps.emails.request(
      {
        template: 'rights-request-completed',
        messageId: `rights-request-completed#${request.requestId}`,
        to: request.email,
        params: { requestType: request.type, ...(link ? { exportUrl: link.url, exportExpiresAt: link.expiresAt } : {}) },
      },
      requestId,
    );
  }
  const completed = await deps.requests.complete(request.requestId, { ...(result ? { result } : {}), completedAt: nowIso(), forgetRequester: request.type === 'erasure' });
  return completed ? 'completed' : 'completed by a twin';
};
