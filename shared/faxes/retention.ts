import { now } from '../clock';
import { drain } from '../jobs/drain';
import { RETENTION_MS, UPLOAD_LIFETIME_MS, UPLOADS_PREFIX, type Fax } from './fax';
import type { DocumentStore, Inbox } from './ports';

/**
 * How long after its expiry a fax stays within the sweep's reach: one retention period. In AWS,
 * TTL and the bucket's lifecycle remove an expired fax within days and the hourly sweep within
 * the hour, so normally only the last days of expiries hold anything. The reach adds a sweep that
 * kept failing (its failures are alarmed) for as long again as a fax is kept at all, so a fax
 * outlives its expiry by more than that only if TTL fails too. Derived from the retention, so a
 * longer retention widens it.
 */
const SWEEP_REACH_MS = RETENTION_MS;

/**
 * The retention backstop: removes every fax past its retention (RETENTION_DAYS) that DynamoDB TTL
 * or the bucket lifecycle has not removed yet (locally, where neither runs, it is the only enforcement), and
 * every upload older than its lifetime. Works in batches until done or `hasTimeLeft` says stop.
 * A fax a legal hold keeps (`heldFaxesOf` its account) is left, document and all (API.md, "Legal
 * hold"); each account's holds are read once a run.
 */
export const sweepExpired = async (
  deps: { inbox: Inbox; documents: DocumentStore; heldFaxesOf: (accountId: string) => Promise<(fax: Fax) => boolean> },
  hasTimeLeft: () => boolean,
  batchSize = 100,
) => {
  const at = now();
  const window = { since: new Date(at.getTime() - SWEEP_REACH_MS), until: at };
  const holdsByAccount = new Map<string, Promise<(fax: Fax) => boolean>>();
  const isHeld = async (fax: Fax) => {
    if (!holdsByAccount.has(fax.accountId)) holdsByAccount.set(fax.accountId, deps.heldFaxesOf(fax.accountId));
    return (await holdsByAccount.get(fax.accountId)!)(fax);
  };
  let faxesHeld = 0;
  const faxesSeen = await drain({
    next: (limit) => deps.inbox.expired(window, limit),
    idOf: (fax) => fax.faxId,
    handle: async (fax) => {
      if (await isHeld(fax)) {
        faxesHeld += 1;
        return;
      }
      await deps.documents.delete(fax.documentKey);
      await deps.inbox.purge(fax.accountId, fax.faxId);
    },
    hasTimeLeft,
    batchSize,
  });
  const uploadsRemoved = await deps.documents.deleteOlderThan(UPLOADS_PREFIX, new Date(at.getTime() - UPLOAD_LIFETIME_MS));
  return { faxesRemoved: faxesSeen - faxesHeld, faxesHeld, uploadsRemoved, sweptAt: at.toISOString() };
};
