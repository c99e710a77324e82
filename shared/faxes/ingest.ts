import type { FaxAcceptedV1 } from '../../events/fax-accepted';
import { now } from '../clock';
import { BusinessRuleViolation, Conflict, PayloadTooLarge } from '../errors';
import { newId } from '../ids';
import { INLINE_LIMIT_BYTES, MAGIC_BYTES_LENGTH, UPLOAD_LIMIT_BYTES, matchesContentType, type FaxContentType } from './document';
import { UPLOAD_LIFETIME_MS, documentKeyOf, uploadKeyOf } from './fax';
import type { DocumentStore, FaxQueue, GatewayReceipt, ReceiptStore, Recipients, UploadStore } from './ports';
import type { InboundFax } from './schemas';

export interface IngestDependencies {
  receipts: ReceiptStore;
  recipients: Recipients;
  uploads: UploadStore;
  documents: DocumentStore;
  queue: FaxQueue;
}

// A receipt is settled once the processing queue holds its fax; a redelivery of a delivery that
// failed between recording and enqueueing finishes the job (the consumer is idempotent).
// `duplicate`: the receipt was an earlier delivery's, not this one's.
const settle = async ({ receipts, queue }: IngestDependencies, receipt: GatewayReceipt, duplicate: boolean) => {
  if (!receipt.enqueued) {
    await queue.send(receipt.message);
    await receipts.markEnqueued(receipt);
  }
  return { faxId: receipt.faxId, status: 'accepted' as const, duplicate };
};

const storeInline = async (documents: DocumentStore, key: string, contentType: FaxContentType, contentBase64: string) => {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > INLINE_LIMIT_BYTES) {
    throw new PayloadTooLarge(`Inline documents are limited to ${INLINE_LIMIT_BYTES} bytes; use POST /gateway/uploads.`);
  }
  if (!matchesContentType(bytes, contentType)) throw new BusinessRuleViolation(`The document is not a ${contentType}.`);
  await documents.put(key, bytes, contentType);
  return { contentType, sizeBytes: bytes.length };
};

const storeUploaded = async ({ uploads, documents }: IngestDependencies, key: string, uploadId: string, at: Date) => {
  const upload = await uploads.get(uploadId);
  // The URL lets the bytes in for 15 minutes; the fax event may name them for a day (gateways retry).
  if (!upload || Date.parse(upload.createdAt) + UPLOAD_LIFETIME_MS <= at.getTime()) {
    throw new BusinessRuleViolation('The upload is unknown or expired.');
  }
  const uploaded = await documents.peek(uploadKeyOf(uploadId), MAGIC_BYTES_LENGTH);
  if (!uploaded) throw new BusinessRuleViolation('Nothing was uploaded for this upload id.');
  if (uploaded.sizeBytes > UPLOAD_LIMIT_BYTES || uploaded.sizeBytes !== upload.sizeBytes) {
    throw new BusinessRuleViolation('The uploaded document does not have the declared size.');
  }
  if (!matchesContentType(uploaded.firstBytes, upload.contentType)) {
    throw new BusinessRuleViolation(`The document is not a ${upload.contentType}.`);
  }
  await documents.copy(uploadKeyOf(uploadId), key, upload.contentType);
  return { contentType: upload.contentType, sizeBytes: uploaded.sizeBytes };
};

// A repeat by webhook id is the same delivery, whatever it carries. A repeat by event id alone must
// be the same fax: a different one reusing the id is refused loudly rather than taken for it.
const sameFax = (earlier: GatewayReceipt, webhookId: string, event: InboundFax): GatewayReceipt => {
  const { message } = earlier;
  if (earlier.webhookId !== webhookId && (message.from !== event.from || message.receivedAt !== event.receivedAt)) {
    throw new Conflict('This gateway eventId was already used for another fax.');
  }
  return earlier;
};

/**
 * A gateway's inbound fax: checked, its document stored first, then the receipt recorded under
 * the delivery's webhook id and the gateway's event id, then queued for the inbox. Any repeat of
 * either id, sequential or concurrent, answers the first fax (flagged `duplicate`) and stores
 * nothing twice.
 */
export const ingestFax = async (deps: IngestDependencies, webhookId: string, event: InboundFax) => {
  const earlier = await deps.receipts.find(webhookId, event.to, event.eventId);
  if (earlier) return settle(deps, sameFax(earlier, webhookId, event), true);

  const recipient = await deps.recipients.recipient(event.to);
  if (!recipient?.active) throw new BusinessRuleViolation('The number faxed does not belong to an active account.');
  const acceptedAt = now();
  const faxId = newId('fax');
  const documentKey = documentKeyOf(faxId);
  const { document } = event;
  const stored =
    'uploadId' in document
      ? await storeUploaded(deps, documentKey, document.uploadId, acceptedAt)
      : await storeInline(deps.documents, documentKey, document.contentType, document.contentBase64);

  const message: FaxAcceptedV1 = {
    type: 'fax.accepted',
    version: 1,
    faxId,
    accountId: recipient.accountId,
    from: event.from,
    to: event.to,
    ...(event.remoteStationId === undefined ? {} : { remoteStationId: event.remoteStationId }),
    pages: event.pages,
    ...stored,
    receivedAt: event.receivedAt,
    acceptedAt: acceptedAt.toISOString(),
    documentKey,
  };
  // If recording fails, the document stays: the write may have landed despite the error, and a
  // retry would then find a receipt naming it. An orphan is purged by the bucket's lifecycle.
  const outcome = await deps.receipts.record({ webhookId, gatewayEventId: event.eventId, faxId, enqueued: false, message });
  if (outcome.created) return settle(deps, outcome.receipt, false);
  // A concurrent delivery recorded first: its document stands, ours goes.
  await deps.documents.delete(documentKey);
  return settle(deps, sameFax(outcome.receipt, webhookId, event), true);
};
