/** An item under an erased account's partition, as the erasure needs it: its key, its kind and the document it names. */
export interface AccountItemRef {
  key: Readonly<Record<string, string>>;
  kind: string;
  /** The fax bucket object the item names (a fax's document). */
  documentKey?: string;
}

/** The items under an account's partition, its profile aside (faxes, consents, blocked senders, markers, …). */
export interface AccountPartitions {
  /** One page of at most `limit` items after `cursor` (opaque); `cursor` in the answer when more may follow. */
  page(accountId: string, limit: number, cursor?: string): Promise<{ items: AccountItemRef[]; cursor?: string }>;
  /** Deletes the items, in batches; deleting one already gone is success. */
  deleteAll(items: readonly AccountItemRef[]): Promise<void>;
}

/** Fax bucket objects deleted in bulk; deleting one already gone is success. */
export interface DocumentBulkDeletes {
  deleteAll(keys: readonly string[]): Promise<void>;
}

/** A person's rights requests, found by their email's keyed digest. */
export interface PersonRequests {
  /** One page of the ids of the requests still listed under the person. */
  page(emailHash: string, cursor?: string): Promise<{ requestIds: string[]; cursor?: string }>;
  /** Removes `fields` from the request; false when it held none of the person any more (an earlier run's work). */
  anonymise(requestId: string, fields: readonly string[]): Promise<boolean>;
}

/** The erasure receipts: per request, when it ran and how many things of each kind it erased. */
export interface ErasureReceipts {
  /** Adds `counts` to the request's receipt (created at the first tally). */
  tally(requestId: string, at: string, counts: Readonly<Record<string, number>>): Promise<void>;
}
