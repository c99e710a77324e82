import { logger } from '../logger';
import type { Pseudonymiser } from '../pseudonyms';
import type { FaxQueue, GatewayReceipt, ReceiptStore } from './ports';
import type { InboundFax } from './schemas';

/**
 * What tells a gateway's retry of a fax from another fax reusing its event id: the sender and the
 * instant the gateway received it, as a keyed digest (HMAC under the pseudonymisation key), so a
 * receipt keeps neither and nobody without the key can confirm a guessed number. The instant is
 * compared, not its text (`…00Z` and `…00.000Z` are one fax). The account and event id salt it,
 * so no digest serves two receipts.
 */
/** How long a gateway receipt is remembered (gateways retry for days): a repeat within it answers the first fax. */
export const RECEIPT_RETENTION_DAYS = 7;

export const fingerprintOf = (
  pseudonymiser: Pseudonymiser,
  accountId: string,
  event: Pick<InboundFax, 'eventId' | 'from' | 'receivedAt'>,
): Promise<string> => pseudonymiser.pseudonym('fax-fingerprint-v1', [accountId, event.eventId, event.from, Date.parse(event.receivedAt)]);

/**
 * What a caller does when the queue took a receipt's message but the receipt could not drop it:
 * `fail` (the re-drive: its run fails loudly and is retried), or `leave_pending` (ingest: the fax
 * is safely queued, so it still answers 202; the re-drive sweeps the receipt later).
 */
export type UnmarkedReceipt = 'fail' | 'leave_pending';

/**
 * Hands a receipt's pending message to the processing queue, tagged with the id of the ingest
 * request that accepted the fax, then drops it from the receipt. A receipt whose message was
 * queued already is left alone; queueing one twice is harmless (the consumer is idempotent),
 * losing one is not, so the message goes before the mark.
 */
export const enqueuePending = async (
  deps: { receipts: ReceiptStore; queue: FaxQueue },
  receipt: GatewayReceipt,
  unmarked: UnmarkedReceipt,
): Promise<void> => {
  if (!receipt.pendingMessage) return;
  await deps.queue.send(receipt.pendingMessage, receipt.requestId);
  try {
    await deps.receipts.markEnqueued(receipt);
  } catch (error) {
    if (unmarked === 'fail') throw error;
    // Ids only: the receipt's message names the sender and the recipient.
    logger.warn('The fax is queued but its receipt stays pending: the re-drive will queue it again', { faxId: receipt.faxId, error });
  }
};
