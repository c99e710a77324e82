/** A rights request is answered within one month of its receipt (GDPR Art. 12(3)). */
const RESPONSE_MONTHS = 1;

/**
 * The same day and time `months` calendar months later; a day the later month lacks (31 January
 * plus one month) becomes its last day (28 or 29 February), as EU law counts periods in months
 * (Regulation 1182/71, Art. 3(2)(c)). In UTC, like every time the service stores.
 */
const monthsAfter = (from: Date, months: number): Date => {
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  target.setUTCHours(from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds());
  return target;
};

/** When a request received at `receivedAt` is due: one calendar month later. */
export const responseDueAt = (receivedAt: Date): Date => monthsAfter(receivedAt, RESPONSE_MONTHS);
