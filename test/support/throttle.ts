import type { Throttle } from '../../shared/throttle';

/** Counts per key and window, and places held per key, refusing past the limit, as the DynamoDB throttle does. */
export class MemoryThrottle implements Throttle {
  readonly counts = new Map<string, number>();
  readonly holds = new Map<string, string[]>();

  async take(key: string, windowStart: Date, limit: number) {
    const id = `${key}#${windowStart.toISOString()}`;
    const count = this.counts.get(id) ?? 0;
    if (count >= limit) return false;
    this.counts.set(id, count + 1);
    return true;
  }

  async hold(key: string, capacity: number, at: string, until: string) {
    const held = (this.holds.get(key) ?? []).filter((heldUntil) => heldUntil > at);
    if (held.length >= capacity) return false;
    this.holds.set(key, [...held, until]);
    return true;
  }
}
