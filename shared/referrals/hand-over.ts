import { now } from '../clock';
import { drain } from '../jobs/drain';
import type { ReferralQueue, ReferralStore } from './ports';
import type { ReferralRef } from './referral';

type HandOverDependencies = { referrals: Pick<ReferralStore, 'markQueued' | 'pendingSince'>; queue: ReferralQueue };

/**
 * Queues a referral's `referral.created`, then drops it from the pending hand-overs. Queueing one
 * twice is harmless (the invitation's email has the referral's message id), losing one is not,
 * so the message goes before the mark.
 */
export const queueReferral = async (deps: HandOverDependencies, { referrerId, referralId }: ReferralRef, requestId: string): Promise<void> => {
  // Ids only: the consumer reads the referral (the friend's email) itself.
  await deps.queue.send({ type: 'referral.created', version: 1, referrerId, referralId }, requestId);
  await deps.referrals.markQueued({ referrerId, referralId });
};

/** A referral still pending this long after it was made has lost its hand-over: its request has long ended (10 s). */
const REFERRAL_STRANDED_AFTER_MS = 2 * 60 * 1000;

/**
 * The re-drive: queues again every referral whose hand-over is still pending, so that every
 * 202 of `POST /referrals` ends in its invitation (or in `not_sent`) even when the queue refused
 * it. Works in batches until none is left or `hasTimeLeft` says stop; a failing queue fails the run.
 */
export const redriveReferrals = async (deps: HandOverDependencies, hasTimeLeft: () => boolean, batchSize = 100) => {
  const before = new Date(now().getTime() - REFERRAL_STRANDED_AFTER_MS);
  const referralsRequeued = await drain({
    next: (limit) => deps.referrals.pendingSince(before, limit),
    idOf: ({ referralId }) => referralId,
    // The request that made it is long gone: the re-drive's lines join the referral's own id.
    handle: (referral) => queueReferral(deps, referral, `redrive#${referral.referralId}`),
    hasTimeLeft,
    batchSize,
  });
  return { referralsRequeued };
};
