/** A rights request is answered within one month of its receipt (GDPR Art. 12(3)). */
const RESPONSE_MONTHS = 1;
/** An admin may extend that once, by two further months (GDPR Art. 12(3)). */
const EXTENSION_MONTHS = 2;

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

/**
 * When an extended request is due: two further months, counted with the first from receipt
 * (three calendar months after it), so the first month's end clamped to a short month (31 January
 * due 28 February) does not shorten the extension (due 30 April, not 28 April).
 */
export const extendedDueAt = (receivedAt: Date): Date => monthsAfter(receivedAt, RESPONSE_MONTHS + EXTENSION_MONTHS);
