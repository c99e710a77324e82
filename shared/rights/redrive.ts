import { now } from '../clock';
import { drain } from '../jobs/drain';
import { queueFulfilment } from './fulfilment';
import type { RightsRequestQueue, RightsRequestStore, StalledStatus } from './ports';

/**
 * How long a request may sit in a status before the re-drive queues it again: a verified one
 * whose hand-over failed (queued at once otherwise), and one in progress whose fulfilment gave
 * up past its retries and dead-letter queue (a fulfilment runs in minutes).
 */
const STALLED_AFTER_MS: Record<StalledStatus, number> = { verified: 10 * 60_000, in_progress: 30 * 60_000 };

/**
 * Queues again the requests stalled on their way to fulfilment, noting each so it is given as
 * long again before the next try. Fulfilment is idempotent: a request that was only slow is
 * fulfilled once all the same.
 */
export const redriveRightsRequests = async (deps: { requests: RightsRequestStore; queue: RightsRequestQueue }, hasTimeLeft: () => boolean, batchSize = 100) => {
  const at = now();
  const redrive = (status: StalledStatus) => {
    const before = new Date(at.getTime() - STALLED_AFTER_MS[status]);
    return drain({
      next: (limit) => deps.requests.stalled(status, before, limit),
      idOf: (requestId) => requestId,
      handle: async (requestId) => {
        await queueFulfilment(deps.queue, requestId);
        await deps.requests.noteRequeued(requestId, at.toISOString());
      },
      hasTimeLeft,
      batchSize,
    });
  };
  return { rightsRequestsRequeued: (await redrive('verified')) + (await redrive('in_progress')) };
};
