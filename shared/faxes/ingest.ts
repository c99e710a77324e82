import type { FaxAcceptedV1 } from '../../events/fax-accepted';
import { now } from '../clock';
import { BusinessRuleViolation, Conflict, PayloadTooLarge } from '../errors';
import { newId } from '../ids';
import type { Pseudonymiser } from '../pseudonyms';
import { INLINE_LIMIT_BYTES, MAGIC_BYTES_LENGTH, UPLOAD_LIMIT_BYTES, matchesContentType, type FaxContentType } from './document';
import { UPLOAD_LIFETIME_MS, documentKeyOf, uploadKeyOf } from './fax';
import type { DocumentStore, FaxQueue, GatewayReceipt, NewReceipt, ReceiptStore, Recipients, UploadStore } from './ports';
import { enqueuePending, fingerprintOf } from './receipts';
import type { InboundFax } from './schemas';

export interface IngestDependencies {
  receipts: ReceiptStore;
  recipients: Recipients;
  uploads: UploadStore;
  documents: DocumentStore;
  queue: FaxQueue;
  pseudonymiser: Pseudonymiser;
}

/** The HTTP delivery a fax came in: the gateway's webhook id, and our request id (for logs). */
export interface Delivery {
  webhookId: string;
  requestId: string;
}

/** What ingest answers: the fax, and whether this delivery repeated an earlier one. */
export interface IngestOutcome {
  faxId: string;
  status: 'accepted';
  duplicate: boolean;
}

const storeInline = async (documents: DocumentStore, key: string, contentType: FaxContentType, contentBase64: string) => {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > INLINE_LIMIT_BYTES) {
    throw new PayloadTooLarge(`Inline documents are limited to ${INLINE_LIMIT_BYTES} bytes; use POST /gateway/uploads.`);
  }
  if (!matchesContentType(bytes, contentType)) throw new BusinessRuleViolation(`The document is not a ${contentType}.`);
  await documents.put(key, bytes, contentType);
  return { contentType, sizeBytes: bytes.length };
};

const UPLOAD_TAKEN = 'The upload was already used for another fax.';

const storeUploaded = async ({ uploads, documents }: IngestDependencies, key: string, uploadId: string, at: Date) => {
  const upload = await uploads.get(uploadId);
  // The URL lets the bytes in for 15 minutes; the fax event may name them for a day (gateways retry).
  if (!upload || Date.parse(upload.createdAt) + UPLOAD_LIFETIME_MS <= at.getTime()) {
    throw new BusinessRuleViolation('The upload is unknown or expired.');
  }
  // Checked early to copy nothing in vain; the receipt's transaction is what makes it single-use.
  if (upload.faxId !== undefined) throw new BusinessRuleViolation(UPLOAD_TAKEN);
  const uploaded = await documents.peek(uploadKeyOf(uploadId), MAGIC_BYTES_LENGTH);
  if (!uploaded) throw new BusinessRuleViolation('Nothing was uploaded for this upload id.');
  if (uploaded.sizeBytes > UPLOAD_LIMIT_BYTES || uploaded.sizeBytes !== upload.sizeBytes) {
    throw new BusinessRuleViolation('The uploaded document does not have the declared size.');
  }
  if (!matchesContentType(uploaded.firstBytes, upload.contentType)) {
    throw new BusinessRuleViolation(`The document is not a ${upload.contentType}.`);
  }
  // The presigned URL still takes PUTs: only the version whose bytes were checked is copied.
  if (!(await documents.copy(uploadKeyOf(uploadId), key, upload.contentType, uploaded.version))) {
    throw new BusinessRuleViolation('The uploaded document changed after it was checked.');
  }
  return { contentType: upload.contentType, sizeBytes: uploaded.sizeBytes };
};

// A repeat by webhook id is the same delivery, whatever it carries. A repeat by event id alone must
// be the same fax: a different one reusing the id is refused loudly rather than taken for it. It
// finishes the job of a first delivery that failed before queueing (the consumer is idempotent).
const repeat = async (deps: IngestDependencies, earlier: GatewayReceipt, webhookId: string, event: InboundFax): Promise<IngestOutcome> => {
  if (earlier.webhookId !== webhookId && earlier.fingerprint !== (await fingerprintOf(deps.pseudonymiser, earlier.accountId, event))) {
    throw new Conflict('This gateway eventId was already used for another fax.');
  }
  await enqueuePending(deps, earlier, 'leave_pending');
  return { faxId: earlier.faxId, status: 'accepted', duplicate: true };
};

/**
 * A gateway's inbound fax: checked, its document stored first, then the receipt recorded under
 * the delivery's webhook id and the gateway's event id (claiming its upload, if any, in the same
 * write), then queued for the inbox. Any repeat of either id, sequential or concurrent, answers
 * the first fax and stores nothing twice.
 */
export const ingestFax = async (deps: IngestDependencies, { webhookId, requestId }: Delivery, event: InboundFax): Promise<IngestOutcome> => {
  // The account scopes the gateway's event id, so it is resolved first (a repeat needs it too).
  const recipient = await deps.recipients.recipient(event.to);
  const earlier = await deps.receipts.find(webhookId, recipient?.accountId, event.eventId);
  if (earlier) return repeat(deps, earlier, webhookId, event);

  if (!recipient?.active) throw new BusinessRuleViolation('The number faxed does not belong to an active account.');
  const acceptedAt = now();
  const faxId = newId('fax');
  const documentKey = documentKeyOf(faxId);
  const { document } = event;
  const uploadId = 'uploadId' in document ? document.uploadId : undefined;
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
  const receipt: NewReceipt = {
    webhookId,
    gatewayEventId: event.eventId,
    accountId: recipient.accountId,
    faxId,
    fingerprint: await fingerprintOf(deps.pseudonymiser, recipient.accountId, event),
    requestId,
    pendingMessage: message,
  };
  // If recording fails, the document stays: the write may have landed despite the error, and a
  // retry would then find a receipt naming it. An orphan is purged by the bucket's lifecycle.
  const recorded = await deps.receipts.record(receipt, uploadId);
  if (recorded.outcome === 'recorded') {
    // Should queueing fail, the receipt stays pending: a redelivery or the re-drive queues it.
    // Once the queue has the fax, the 202 stands: a 500 would have the gateway deliver it again.
    await enqueuePending(deps, receipt, 'leave_pending');
    return { faxId, status: 'accepted', duplicate: false };
  }
  // Lost to a concurrent delivery of this fax (its document stands) or to another fax that
  // claimed the upload: our copy goes either way.
  await deps.documents.delete(documentKey);
  if (recorded.outcome === 'upload_taken') throw new BusinessRuleViolation(UPLOAD_TAKEN);
  return repeat(deps, recorded.receipt, webhookId, event);
};
