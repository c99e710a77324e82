import type { Throttle } from '../../shared/throttles';

/** Counts per key and window, refusing past the limit. */
export class MemoryThrottle implements Throttle {
  readonly counts = new Map<string, number>();

  async take(key: string, windowStart: Date, limit: number) {
    const id = `${key}#${windowStart.toISOString()}`;
    const count = this.counts.get(id) ?? 0;
    if (count >= limit) return false;
    this.counts.set(id, count + 1);
    return true;
  }
}
