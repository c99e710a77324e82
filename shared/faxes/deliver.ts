import type { FaxAcceptedV1 } from '../../events/fax-accepted';
import { expiryOf, type Fax } from './fax';
import type { BlockList, DocumentStore, Inbox, Recipients } from './ports';

export interface DeliveryDependencies {
  recipients: Recipients;
  blockList: BlockList;
  inbox: Inbox;
  documents: DocumentStore;
}

export type DeliveryOutcome = 'delivered' | 'blocked' | 'not_routed' | 'document_gone';

// A fax that must not reach the inbox loses its document, unless an earlier delivery of this very
// message already put it there: a failed invocation retries its whole batch, and blocking the
// sender (or deactivating the account) in between must not purge a fax already delivered.
const drop = async (deps: DeliveryDependencies, message: FaxAcceptedV1, outcome: 'blocked' | 'not_routed'): Promise<DeliveryOutcome> => {
  if (await deps.inbox.get(message.accountId, message.faxId)) return 'delivered';
  await deps.documents.delete(message.documentKey);
  return outcome;
};

/**
 * Routes an accepted fax into its account's inbox. Safe to repeat: the inbox keeps one copy, and
 * a fax the customer deleted meanwhile (its document gone) is not brought back. A fax from a
 * blocked sender, or to an account no longer active, never reaches the inbox and its document
 * is deleted.
 */
export const deliverFax = async (deps: DeliveryDependencies, message: FaxAcceptedV1): Promise<DeliveryOutcome> => {
  const recipient = await deps.recipients.recipient(message.to);
  if (recipient?.accountId !== message.accountId || !recipient.active) return drop(deps, message, 'not_routed');
  if (await deps.blockList.isBlocked(message.accountId, message.from)) return drop(deps, message, 'blocked');
  if (!(await deps.documents.exists(message.documentKey))) return 'document_gone';
  const { type: _type, version: _version, ...fields } = message;
  const fax: Fax = { ...fields, expiresAt: expiryOf(new Date(message.acceptedAt)).toISOString() };
  await deps.inbox.save(fax);
  return 'delivered';
};
