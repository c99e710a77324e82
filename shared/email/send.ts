import { randomUUID } from 'node:crypto';
import { now } from '../clock';
import type { Pseudonymiser } from '../pseudonyms';
import type { EmailRequest } from './outbox';
import type { EmailDeliveries, EmailSender, SuppressionList } from './ports';
import { suppressionKeyOf } from './suppression';
import { isSolicited, renderEmail } from './templates';

/**
 * How long a `sending` claim holds off other consumers of the same message id. Longer than the
 * send-email function may run (a live claim is never taken over), shorter than the emails queue's
 * visibility timeout (a retried message finds its crashed claim stale); test/infra checks both.
 */
export const SEND_CLAIM_LEASE_SECONDS = 30;

export interface SendEmailDependencies {
  deliveries: EmailDeliveries;
  suppressions: SuppressionList;
  pseudonymiser: Pseudonymiser;
  sender: EmailSender;
}

/** A duplicate message of an id whose claim is fresh: retried later, it then finds the email sent (or the claim stale). */
class EmailSendInFlight extends Error {
  constructor() {
    super('Another delivery of this message id is sending it; retry later.');
    this.name = 'EmailSendInFlight';
  }
}

export type SendOutcome = 'sent' | 'sent_unmarked' | 'duplicate' | 'suppressed';

/**
 * Sends a requested email once per message id, never to a suppressed address (an erased person's
 * only what they asked for): claim the message
 * id (`sending`), send, mark it `sent`. A redelivery of a sent one sends nothing; one whose
 * claim is fresh is retried (EmailSendInFlight); one whose consumer died after claiming is sent
 * once the lease has passed. At least once, not exactly once, in one window: SES took the email
 * but the claim was not marked sent (a crash or timeout after the send, or a failed mark when a
 * duplicate message then arrives); the next delivery of that id sends it again.
 */
export const sendRequestedEmail = async (deps: SendEmailDependencies, request: EmailRequest): Promise<SendOutcome> => {
  const suppressed = await deps.suppressions.reasonFor(await suppressionKeyOf(deps.pseudonymiser, request.to));
  // An erased person may come back: what they ask for themselves still reaches them, nothing else.
  if (suppressed && !(suppressed === 'erasure' && isSolicited[request.template])) return 'suppressed';
  const claimedAt = now();
  const claimId = randomUUID();
  const staleBefore = new Date(claimedAt.getTime() - SEND_CLAIM_LEASE_SECONDS * 1000);
  const claim = await deps.deliveries.claim(request.messageId, claimId, claimedAt, staleBefore);
  if (claim.outcome === 'sent') return 'duplicate';
  if (claim.outcome === 'in_flight') throw new EmailSendInFlight();
  // A failed send leaves the claim to go stale: the retry comes after the visibility timeout, past the lease.
  await deps.sender.send(request.to, renderEmail(request));
  try {
    await deps.deliveries.markSent(request.messageId, claimId, now());
    return 'sent';
  } catch {
    // SES has the email: failing the message would send it again. Only a later duplicate of
    // this id, after the lease, could (the at-least-once window).
    return 'sent_unmarked';
  }
};
