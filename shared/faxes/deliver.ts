import type { FaxAcceptedV1 } from '../../events/fax-accepted';
import { expiryOf, type Fax } from './fax';
import type { BlockList, DocumentStore, Inbox, Recipients } from './ports';

export interface DeliveryDependencies {
  recipients: Recipients;
  blockList: BlockList;
  inbox: Inbox;
  documents: DocumentStore;
}

export type DeliveryOutcome = 'delivered' | 'blocked' | 'not_routed';

// A fax that must not reach the inbox is refused first, then loses its document. Refusing is
// atomic against saving: if an earlier copy of this message (a failed batch is retried whole)
// already delivered it, the fax stays; if this copy wins, a later copy can no longer save it.
const drop = async (deps: DeliveryDependencies, fax: Fax, outcome: 'blocked' | 'not_routed'): Promise<DeliveryOutcome> => {
  if (!(await deps.inbox.refuse(fax))) return 'delivered';
  await deps.documents.delete(fax.documentKey);
  return outcome;
};

/**
 * Routes an accepted fax into its account's inbox. Safe to repeat: the inbox keeps one copy, and
 * a fax the customer deleted meanwhile is not brought back. A fax from a blocked sender, or to an
 * account no longer active (or being erased, however late that began), never reaches the inbox
 * and its document is deleted.
 */
export const deliverFax = async (deps: DeliveryDependencies, message: FaxAcceptedV1): Promise<DeliveryOutcome> => {
  const { type: _type, version: _version, ...fields } = message;
  const fax: Fax = { ...fields, expiresAt: expiryOf(new Date(message.acceptedAt)).toISOString() };
  const recipient = await deps.recipients.recipient(message.to);
  if (recipient?.accountId !== message.accountId || !recipient.active) return drop(deps, fax, 'not_routed');
  if (await deps.blockList.isBlocked(message.accountId, message.from)) return drop(deps, fax, 'blocked');
  // The account may have changed since it was read: the save's own condition on it decides.
  if (!(await deps.inbox.save(fax))) return drop(deps, fax, 'not_routed');
  return 'delivered';
};
