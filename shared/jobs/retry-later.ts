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

/** The most a postponement is lengthened at random, as a share of its base delay. */
const JITTER_SHARE = 0.25;

/**
 * How long to hide a message before its next receive: 1, 4, 16, 64 minutes, then 4h16: the 5
 * receives of a queue's redrive policy span about 5.7 hours (a throttle passes in seconds, a daily
 * quota resets within a day, a pause needs a person: the dead-letter alarm calls one). Each is
 * lengthened by up to a quarter at random (`random`: 0 to 1), so the messages one throttle
 * postponed together do not all come back in the same second and meet it again; never shorter,
 * so the first still outlasts the claim's lease.
 */
export const retryDelaySeconds = (receiveCount: number, random: () => number = Math.random): number => {
  const base = FIRST_RETRY_DELAY_SECONDS * 4 ** Math.max(0, receiveCount - 1);
  return Math.min(Math.floor(base * (1 + JITTER_SHARE * random())), MAX_RETRY_DELAY_SECONDS);
};

/** Hides a received message for `delaySeconds` from now (SQS ChangeMessageVisibility). */
export type Postpone = (message: { queueArn: string; receiptHandle: string }, delaySeconds: number) => Promise<void>;
