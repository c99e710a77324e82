// The service's own fax numbers (API.md, "Accounts"): the inventory a sign-up chooses from.

/**
 * A number's life in the inventory: `available` to sign-ups, `assigned` to the account that
 * claimed it (faxes to it reach that account), `quarantined` for a while after its account was
 * erased (faxes to it reach nobody), then available again.
 */
export const NUMBER_STATUSES = ['available', 'assigned', 'quarantined'] as const;
export type NumberStatus = (typeof NUMBER_STATUSES)[number];

/** How long an erased account's number stays quarantined, so that faxes meant for the former customer never reach a new one. */
export const NUMBER_QUARANTINE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** When the quarantine of a number released at `releasedAt` ends (ISO): what erasure stores as `quarantinedUntil`. */
export const quarantineEndOf = (releasedAt: Date): string => new Date(releasedAt.getTime() + NUMBER_QUARANTINE_DAYS * DAY_MS).toISOString();

/** One number of the inventory, as administrators see it. */
export interface InventoryNumber {
  faxNumber: string;
  status: NumberStatus;
  addedAt: string;
  /** The account that holds it, while `assigned`. */
  accountId?: string;
  /** When its quarantine ends, while `quarantined`. */
  quarantinedUntil?: string;
}

/** The most numbers one request may add: API.md's bound. */
export const MAX_NUMBERS_PER_ADD = 1000;

/**
 * An area code, as `GET /numbers/available?areaCode=` takes it: the North American Numbering
 * Plan's three digits (the first 2–9), which select the numbers `+1<areaCode>…`.
 */
export const AREA_CODE = /^[2-9]\d{2}$/;

/** The E.164 prefix of the numbers in an area code. */
export const areaCodePrefix = (areaCode: string): string => `+1${areaCode}`;
