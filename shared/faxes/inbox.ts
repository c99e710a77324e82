import { activeOwnAccount, ownAccount } from '../accounts/profile';
import type { AccountStore } from '../accounts/account-store';
import { now } from '../clock';
import { Conflict, Gone, NotFound } from '../errors';
import type { PageRequest } from '../pages';
import { faxView, isExpired, type Fax } from './fax';
import type { BlockList, DocumentStore, Inbox } from './ports';
import type { DocumentDownload } from './inbox-schemas';

/** A presigned download lives at most this long. */
const DOWNLOAD_URL_SECONDS = 15 * 60;

export interface InboxReadDependencies {
  accounts: AccountStore;
  inbox: Inbox;
}

export interface InboxDependencies extends InboxReadDependencies {
  documents: DocumentStore;
}

const noSuchFax = () => new NotFound('There is no such fax.');

/**
 * The caller's fax. Reading it (metadata, document) is open to a deactivated customer too: the
 * policy lets customers retrieve what remains, and their access export links to these routes.
 * Changing the inbox is not (`activeOwnAccount`).
 */
const liveFax = async ({ accounts, inbox }: InboxReadDependencies, accountId: string, faxId: string, caller = ownAccount) => {
  await caller(accounts, accountId);
  // The edge has checked the id's shape (faxPath): anything else could never have been issued.
  const fax = await inbox.get(accountId, faxId);
  if (!fax) throw noSuchFax();
  return fax;
};

export const listFaxes = async (deps: InboxReadDependencies, accountId: string, page: PageRequest) => {
  await ownAccount(deps.accounts, accountId);
  const { items, nextCursor } = await deps.inbox.list(accountId, { ...page, at: now() });
  return { items: items.map(faxView), ...(nextCursor ? { nextCursor } : {}) };
};

export const getFax = async (deps: InboxReadDependencies, accountId: string, faxId: string) => {
  const fax = await liveFax(deps, accountId, faxId);
  if (isExpired(fax, now())) throw noSuchFax();
  return faxView(fax);
};

export const documentLink = async (deps: InboxDependencies, accountId: string, faxId: string): Promise<DocumentDownload> => {
  const fax = await liveFax(deps, accountId, faxId);
  const at = now();
  if (isExpired(fax, at)) throw new Gone('The fax has expired: its document is no longer available.');
  const url = await deps.documents.downloadUrl(fax.documentKey, DOWNLOAD_URL_SECONDS);
  return { url, expiresAt: new Date(at.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
};

/** The document first, then the metadata: a failure in between leaves a fax that can be deleted again. */
/** A fax a legal hold keeps (`isHeld`) is not the customer's to delete until the hold ends: 409. */
export const deleteFax = async (deps: InboxDependencies & { isHeld: (fax: Fax) => Promise<boolean> }, accountId: string, faxId: string) => {
  const fax = await liveFax(deps, accountId, faxId, activeOwnAccount);
  if (await deps.isHeld(fax)) throw new Conflict('This fax is kept under a legal obligation for now: it can be deleted once that ends.');
  await deps.documents.delete(fax.documentKey);
  await deps.inbox.remove(fax);
};

export interface BlockListDependencies {
  accounts: AccountStore;
  blockList: BlockList;
}

export const listBlockedSenders = async ({ accounts, blockList }: BlockListDependencies, accountId: string, page: PageRequest) => {
  await activeOwnAccount(accounts, accountId);
  return blockList.list(accountId, page);
};

/** An account that stopped taking data after it was read (deactivated: 403, erased: 404) answers as if read after. */
export const blockSender = async ({ accounts, blockList }: BlockListDependencies, accountId: string, faxNumber: string) => {
  await activeOwnAccount(accounts, accountId);
  const blocked = await blockList.block(accountId, faxNumber, now().toISOString());
  if (blocked) return blocked;
  await activeOwnAccount(accounts, accountId);
  throw new Error('The account refused a block but reads active');
};

export const unblockSender = async ({ accounts, blockList }: BlockListDependencies, accountId: string, faxNumber: string) => {
  await activeOwnAccount(accounts, accountId);
  await blockList.unblock(accountId, faxNumber);
};
