/**
 * A dependency asked to slow down (SES throttling, a sending quota reached, sending paused), or a
 * twin of the message holds its work for a known while: retrying at once, as a plain failure is,
 * would burn the message's receives into its dead-letter queue within minutes. The queue consumer
 * postpones such a message instead.
 */
export class RetryLater extends Error {
  /** When the wait is known (a twin's lease ending), the retry's delay; else it grows with each receive. */
  readonly afterSeconds?: number;

  constructor(
    /** What asked to wait (an error name: never personal data). */
    readonly reason: string,
    options: { cause?: unknown; afterSeconds?: number } = {},
  ) {
    super(`${reason}: retry later`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RetryLater';
    this.afterSeconds = options.afterSeconds;
  }
}

/** The first postponement: longer than the send claim's lease (shared/email/send.ts), so a retry finds its claim stale. */
export const FIRST_RETRY_DELAY_SECONDS = 60;
// SQS refuses a visibility timeout over 12 hours.
const MAX_RETRY_DELAY_SECONDS = 12 * 3600;

/**
 * How long to hide a message before its next receive: 1, 4, 16, 64 minutes, then 4h16: the 5
 * receives of a queue's redrive policy span about 5.7 hours (a throttle passes in seconds, a daily
 * quota resets within a day, a pause needs a person: the dead-letter alarm calls one).
 */
export const retryDelaySeconds = (receiveCount: number): number =>
  Math.min(FIRST_RETRY_DELAY_SECONDS * 4 ** Math.max(0, receiveCount - 1), MAX_RETRY_DELAY_SECONDS);

/** Hides a received message for `delaySeconds` from now (SQS ChangeMessageVisibility). */
export type Postpone = (message: { queueArn: string; receiptHandle: string }, delaySeconds: number) => Promise<void>;
