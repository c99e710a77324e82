import { createHash } from 'node:crypto';
import type { FaxQueue, GatewayReceipt, ReceiptStore } from './ports';
import type { InboundFax } from './schemas';

/**
 * What tells a gateway's retry of a fax from another fax reusing its event id: the sender and the
 * instant the gateway received it, as a SHA-256 digest, so a receipt keeps neither. The instant is
 * compared, not its text (`…00Z` and `…00.000Z` are one fax). The account and event id salt it,
 * so no table of guesses serves two receipts.
 */
export const fingerprintOf = (accountId: string, event: Pick<InboundFax, 'eventId' | 'from' | 'receivedAt'>): string =>
  createHash('sha256')
    .update(JSON.stringify(['fax-fingerprint-v1', accountId, event.eventId, event.from, Date.parse(event.receivedAt)]))
    .digest('base64url');

/**
 * Hands a receipt's pending message to the processing queue, then drops it from the receipt. A
 * receipt whose message was queued already is left alone; queueing one twice is harmless (the
 * consumer is idempotent), losing one is not, so the message goes before the mark.
 */
export const enqueuePending = async (deps: { receipts: ReceiptStore; queue: FaxQueue }, receipt: GatewayReceipt): Promise<void> => {
  if (!receipt.pendingMessage) return;
  await deps.queue.send(receipt.pendingMessage);
  await deps.receipts.markEnqueued(receipt);
};
