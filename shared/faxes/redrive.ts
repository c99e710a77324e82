import { now } from '../clock';
import { drain } from '../jobs/drain';
import type { FaxQueue, ReceiptStore } from './ports';
import { enqueuePending } from './receipts';

/**
 * A receipt still pending this long after its fax was accepted has lost its enqueue: the ingest
 * that recorded it has long timed out (15 s) and the gateway may never retry. Re-driving a fax
 * an ingest is still queueing only queues it twice, which the consumer absorbs.
 */
export const STRANDED_AFTER_MS = 2 * 60 * 1000;

/**
 * The re-drive: queues again every fax whose receipt is still pending, so that every 202 ends in
 * the inbox or in a refusal even when the queue failed and the gateway stopped retrying. Works in
 * batches until none is left or `hasTimeLeft` says stop; a failing queue fails the run.
 */
export const redriveStranded = async (deps: { receipts: ReceiptStore; queue: FaxQueue }, hasTimeLeft: () => boolean, batchSize = 100) => {
  const at = now();
  const before = new Date(at.getTime() - STRANDED_AFTER_MS);
  const faxesRequeued = await drain({
    next: (limit) => deps.receipts.pendingSince(before, limit),
    idOf: (receipt) => receipt.faxId,
    handle: (receipt) => enqueuePending(deps, receipt, 'fail'),
    hasTimeLeft,
    batchSize,
  });
  return { faxesRequeued, redrivenAt: at.toISOString() };
};
