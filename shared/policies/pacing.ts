/**
 * Spaces sends at most `perSecond` apart, for one container: each caller takes the next free slot
 * (taken at once, so concurrent callers queue in order) and waits for it. Real time, not the
 * shared clock: `/_local/clock` moves rules' time, not SES's quota.
 */
export class Pacer {
  private nextSlot = 0;

  constructor(private readonly perSecond: number) {}

  /**
   * Waits for the next slot; refuses (false, taking none) when that slot would come after
   * `deadline` (epoch ms), so a caller out of time stops before it claims anything.
   */
  async take(deadline = Number.POSITIVE_INFINITY): Promise<boolean> {
    const slot = Math.max(Date.now(), this.nextSlot);
    if (slot > deadline) return false;
    this.nextSlot = slot + 1000 / this.perSecond;
    const wait = slot - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return true;
  }
}

/**
 * Each sender container's rate: the notices' share of the SES quota, split over the containers
 * that may run at once (the sender's reserved concurrency, also its event source's maximum), so
 * together they stay under the quota (README, "Policy notices at a million accounts").
 */
export const perContainerRate = (sesMaxSendRate: number, share: number, concurrency: number): number => (sesMaxSendRate * share) / concurrency;
