import { randomUUID } from 'node:crypto';
import { now } from '../clock';
import { RetryLater } from '../jobs/retry-later';
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

/**
 * A duplicate message of an id another container claimed within the lease: retried once that
 * lease has passed, it finds the email sent (or the claim stale, and sends it).
 */
class EmailSendInFlight extends RetryLater {
  constructor(claimedAt: Date, at: Date) {
    const leaseLeftMs = claimedAt.getTime() + SEND_CLAIM_LEASE_SECONDS * 1000 - at.getTime();
    super('EmailSendInFlight', { afterSeconds: Math.max(0, Math.ceil(leaseLeftMs / 1000)) + 1 });
  }
}

export type SendOutcome = 'sent' | 'sent_unmarked' | 'duplicate' | 'suppressed';

/**
 * This container's sends by message id. A twin arriving while its first is sending here (both in
 * one batch: an email asked for twice at once) waits for it and then finds it sent, rather than
 * being retried after the lease.
 */
const sendingHere = new Map<string, Promise<SendOutcome>>();

/**
 * Sends a requested email once per message id, never to a suppressed address (an erased person's
 * only what they asked for): claim the message id (`sending`), send, mark it `sent`. A
 * redelivery of a sent one sends nothing; one whose claim another container holds is retried
 * when its lease ends (EmailSendInFlight); one whose consumer died after claiming is sent once
 * the lease has passed. At least once, not exactly once, in one window: SES took the email but
 * the claim was not marked sent (a crash or timeout after the send, or a failed mark when a
 * duplicate message then arrives); the next delivery of that id sends it again.
 */
export const sendRequestedEmail = (deps: SendEmailDependencies, request: EmailRequest): Promise<SendOutcome> => {
  const twin = sendingHere.get(request.messageId);
  const sending = (async () => {
    await twin?.catch(() => undefined);
    return sendOnce(deps, request);
  })();
  sendingHere.set(request.messageId, sending);
  const forget = () => {
    if (sendingHere.get(request.messageId) === sending) sendingHere.delete(request.messageId);
  };
  sending.then(forget, forget);
  return sending;
};

const sendOnce = async (deps: SendEmailDependencies, request: EmailRequest): Promise<SendOutcome> => {
  const suppressed = await deps.suppressions.reasonFor(await suppressionKeyOf(deps.pseudonymiser, request.to));
  // An erased person may come back: what they ask for themselves still reaches them, nothing else.
  if (suppressed && !(suppressed === 'erasure' && isSolicited[request.template])) return 'suppressed';
  const claimedAt = now();
  const claimId = randomUUID();
  const staleBefore = new Date(claimedAt.getTime() - SEND_CLAIM_LEASE_SECONDS * 1000);
  const claim = await deps.deliveries.claim(request.messageId, claimId, claimedAt, staleBefore);
  if (claim.outcome === 'sent') return 'duplicate';
  if (claim.outcome === 'in_flight') throw new EmailSendInFlight(claim.claimedAt, claimedAt);
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
