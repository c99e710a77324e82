import type { FaxAcceptedV1 } from '../../events/fax-accepted';
import type { Page, PageRequest } from '../pages';
import type { FaxContentType } from './document';
import type { Fax } from './fax';

/**
 * What the backend answered a gateway delivery, kept under the delivery's webhook id and under the
 * gateway's event id within the recipient's account. Ids only: who faxed whom stays in the inbox
 * (and goes with it), except in the message while it waits for the processing queue.
 */
export interface GatewayReceipt {
  webhookId: string;
  gatewayEventId: string;
  accountId: string;
  faxId: string;
  /** A keyed one-way digest of what makes the fax this fax (see `fingerprintOf`), never the values. */
  fingerprint: string;
  /** The id of the ingest request that accepted the fax: its queue message carries it, however often sent. */
  requestId: string;
  /** The message for the processing queue, held only until the queue has taken it. */
  pendingMessage?: FaxAcceptedV1;
}

/** A receipt just made, its message not queued yet. */
export type NewReceipt = GatewayReceipt & { pendingMessage: FaxAcceptedV1 };

export type RecordOutcome =
  | { outcome: 'recorded' }
  /** Another delivery recorded a receipt under one of the keys first: here it is. */
  | { outcome: 'repeated'; receipt: GatewayReceipt }
  /** Another fax had already claimed the upload. */
  | { outcome: 'upload_taken' };

export interface ReceiptStore {
  /**
   * The receipt of an earlier delivery with this webhook id or, when the number faxed belongs to
   * an account, with this gateway event id within it; the delivery's own receipt first.
   */
  find(webhookId: string, accountId: string | undefined, gatewayEventId: string): Promise<GatewayReceipt | undefined>;
  /**
   * Records the receipt under both keys unless either exists and, in the same transaction, claims
   * the upload that backs the fax (an upload backs one fax): all of it, or nothing.
   */
  record(receipt: NewReceipt, uploadId?: string): Promise<RecordOutcome>;
  /** The queue has the fax: the receipt drops its message and leaves the re-drive's index. */
  markEnqueued(receipt: GatewayReceipt): Promise<void>;
  /** Receipts whose message is still pending, of faxes accepted before `before`; at most `limit`. */
  pendingSince(before: Date, limit: number): Promise<NewReceipt[]>;
}

/** Whom a fax number belongs to. */
export interface Recipients {
  recipient(faxNumber: string): Promise<{ accountId: string; active: boolean } | undefined>;
}

/** A presigned upload a gateway may fill, for documents too large to post inline. */
export interface Upload {
  uploadId: string;
  contentType: FaxContentType;
  sizeBytes: number;
  createdAt: string;
  expiresAt: string;
  /** The fax it backs, once a fax event has used it: it can back no other. */
  faxId?: string;
}

export interface UploadStore {
  create(upload: Upload): Promise<void>;
  get(uploadId: string): Promise<Upload | undefined>;
}

export type FaxPage = Page<Fax>;

/** Which fax, in whose inbox, until when: enough to mark it deleted or refused. */
export type FaxRef = Pick<Fax, 'accountId' | 'faxId' | 'expiresAt'>;

/** Expiry instants from `since` (inclusive) to `until` (inclusive). */
export interface ExpiryWindow {
  since: Date;
  until: Date;
}

/**
 * The customers' inboxes: fax metadata, tenant by tenant. A fax deleted or refused leaves a
 * marker until its expiry, so that a redelivered message cannot bring it back; markers are kept
 * apart from the faxes, so however many there are, they cost a listing nothing.
 */
export interface Inbox {
  /**
   * Stores the fax once; saving it again, or after it was deleted or refused, changes nothing.
   * False when its account takes no new data (no longer active, or being erased): nothing is stored.
   */
  save(fax: Fax): Promise<boolean>;
  /** Newest first, never a fax expired at `at`. */
  list(accountId: string, page: PageRequest & { at: Date }): Promise<FaxPage>;
  get(accountId: string, faxId: string): Promise<Fax | undefined>;
  /** Deletes the fax and leaves its marker, in one step. */
  remove(fax: FaxRef): Promise<void>;
  /**
   * Marks a fax that must never reach the inbox, unless it already has: false when the fax is in
   * the inbox (it stays), true otherwise, also when it was refused before (harmlessly again).
   */
  refuse(fax: FaxRef): Promise<boolean>;
  /** Deletes an expired fax for good. */
  purge(accountId: string, faxId: string): Promise<void>;
  /** Stored faxes that expired within `window`, at most `limit`, earlier expiry months first. */
  expired(window: ExpiryWindow, limit: number): Promise<Fax[]>;
}

export interface BlockedSender {
  faxNumber: string;
  blockedAt: string;
}

export interface BlockList {
  isBlocked(accountId: string, faxNumber: string): Promise<boolean>;
  /**
   * Blocks the number; blocking it again keeps the first `blockedAt`. Undefined when the account
   * takes no new data (no longer active, or being erased): nothing is stored.
   */
  block(accountId: string, faxNumber: string, at: string): Promise<BlockedSender | undefined>;
  unblock(accountId: string, faxNumber: string): Promise<void>;
  list(accountId: string, page: PageRequest): Promise<Page<BlockedSender>>;
}

/** Where documents live: private, encrypted, reachable by clients only through presigned URLs. */
export interface DocumentStore {
  put(key: string, bytes: Buffer, contentType: FaxContentType): Promise<void>;
  /**
   * Copies the object if it is still the `version` given (as `peek` answered it); false when it
   * has changed or gone since, so that what was checked is what is copied.
   */
  copy(fromKey: string, toKey: string, contentType: FaxContentType, version: string): Promise<boolean>;
  /**
   * The object's size, first bytes and version (an opaque tag that changes with its content), all
   * of one version, or undefined when there is no such object.
   */
  peek(key: string, length: number): Promise<{ sizeBytes: number; firstBytes: Buffer; version: string } | undefined>;
  delete(key: string): Promise<void>;
  /** Deletes objects under `prefix` last modified before `before`; answers how many. */
  deleteOlderThan(prefix: string, before: Date): Promise<number>;
  downloadUrl(key: string, expiresInSeconds: number): Promise<string>;
  uploadUrl(key: string, contentType: FaxContentType, sizeBytes: number, expiresInSeconds: number): Promise<string>;
}

export interface FaxQueue {
  /** Sends the message, tagged with the HTTP request it came from (for the consumer's logs). */
  send(message: FaxAcceptedV1, requestId: string): Promise<void>;
}
