// The one source of time for every rule that depends on it (retention, deadlines, code expiry).
// LOCAL_CLOCK_OFFSET_MS is set only by the local runtime (PUT /_local/clock) so that tests can
// move time forward; in AWS it is never set and the clock is the system clock.
const offsetMs = (): number => Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0) || 0;

export const now = (): Date => new Date(Date.now() + offsetMs());

export const nowIso = (): string => now().toISOString();
