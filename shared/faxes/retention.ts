import { now } from '../clock';
import type { DocumentStore, Inbox } from './ports';

/** Unused uploads are removed after a day. */
const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * The retention backstop: removes every fax past its 60 days that DynamoDB TTL or the bucket's
 * lifecycle has not removed yet (locally, where neither runs, it is the only enforcement), and
 * every upload older than a day. Works in batches until done or `hasTimeLeft` says stop.
 */
export const sweepExpired = async (deps: { inbox: Inbox; documents: DocumentStore }, hasTimeLeft: () => boolean, batchSize = 100) => {
  const at = now();
  let faxesRemoved = 0;
  for (;;) {
    const expired = await deps.inbox.expired(at, batchSize);
    for (const fax of expired) {
      await deps.documents.delete(fax.documentKey);
      await deps.inbox.remove(fax.accountId, fax.faxId);
    }
    faxesRemoved += expired.length;
    if (expired.length < batchSize || !hasTimeLeft()) break;
  }
  const uploadsRemoved = await deps.documents.deleteOlderThan('uploads/', new Date(at.getTime() - UPLOAD_LIFETIME_MS));
  return { faxesRemoved, uploadsRemoved, sweptAt: at.toISOString() };
};
