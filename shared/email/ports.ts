import type { RenderedEmail } from './templates';

/** Sends one rendered email; throws when the provider did not take it (the message is retried), RetryLater when it asks to slow down. */
export interface EmailSender {
  send(to: string, email: RenderedEmail): Promise<void>;
}

/** What a claim on a message id found. */
/** How long a delivery marker remembers that a message id was sent (well past any redelivery of its message). */
export const DELIVERY_MARKER_RETENTION_DAYS = 35;

export type DeliveryClaim =
  /** The sending is ours: send, then mark it sent with this claim id. */
  | { outcome: 'claimed'; claimId: string }
  /** The email of this message id was sent: nothing more to do. */
  | { outcome: 'sent' }
  /** Another consumer claimed it within the lease (at `claimedAt`): it may be sending right now. */
  | { outcome: 'in_flight'; claimedAt: Date };

/** The delivery markers: one per message id, so each email is sent once (DATA-MODEL.md). */
export interface EmailDeliveries {
  /**
   * Claims the sending of `messageId`, only if no marker exists or the marker is a `sending`
   * claim older than `staleBefore` (its consumer died without marking it sent).
   */
  claim(messageId: string, claimId: string, at: Date, staleBefore: Date): Promise<DeliveryClaim>;
  /** Marks the message sent, if the claim is still `claimId`'s. */
  markSent(messageId: string, claimId: string, at: Date): Promise<void>;
}

/**
 * Why an address is suppressed: it bounced or complained (no email at all), or its person was
 * erased (no email they did not ask for: see `isSolicited` in shared/email/templates.ts).
 */
export type SuppressionReason = 'bounce' | 'complaint' | 'erasure';

/** Addresses never to email again, by their keyed digest (`suppressionKeyOf`); never the address itself. */
export interface SuppressionList {
  /** Why the address is suppressed, or undefined when it is not. */
  reasonFor(addressKey: string): Promise<SuppressionReason | undefined>;
  /**
   * Idempotent: an address already suppressed keeps its first reason and time, except that a
   * bounce or complaint replaces an erasure's (it then blocks everything).
   */
  suppress(addressKey: string, reason: SuppressionReason, at: Date): Promise<void>;
}
