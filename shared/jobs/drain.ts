/** How a job walks an index of work that its own handling removes entries from. */
export interface DrainPlan<T> {
  /** The next entries still listed, at most `limit`. */
  next(limit: number): Promise<T[]>;
  idOf(entry: T): string;
  handle(entry: T): Promise<void>;
  /** False when the job must stop taking batches (its time is running out). */
  hasTimeLeft(): boolean;
  batchSize: number;
}

/**
 * Handles entries batch by batch until a batch comes back short, brings nothing new (an index
 * trails the writes that remove its entries, so it may list again what this run handled: stop
 * rather than spin, and leave the rest to the next run) or time runs out. Answers how many it handled.
 */
export const drain = async <T>({ next, idOf, handle, hasTimeLeft, batchSize }: DrainPlan<T>): Promise<number> => {
  const handled = new Set<string>();
  for (;;) {
    const batch = await next(batchSize);
    const fresh = batch.filter((entry) => !handled.has(idOf(entry)));
    for (const entry of fresh) {
      await handle(entry);
      handled.add(idOf(entry));
    }
    if (batch.length < batchSize || fresh.length === 0 || !hasTimeLeft()) return handled.size;
  }
};
