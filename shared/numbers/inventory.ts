import { now } from '../clock';
import type { Page, PageRequest } from '../pages';
import { drain } from '../jobs/drain';
import { areaCodePrefix, type InventoryNumber, type NumberStatus } from './number';
import type { AddedNumbers, NumberInventory } from './ports';

/** POST /admin/numbers: adds the numbers not in the inventory yet; a number listed twice counts once. */
export const addNumbers = (numbers: NumberInventory, faxNumbers: readonly string[]): Promise<AddedNumbers> =>
  numbers.add([...new Set(faxNumbers)], now().toISOString());

/** GET /admin/numbers: the numbers of one status. */
export const listNumbers = (numbers: NumberInventory, status: NumberStatus, page: PageRequest): Promise<Page<InventoryNumber>> =>
  numbers.list({ status }, page);

/** GET /numbers/available: what a sign-up may choose, optionally in one area code; the number only. */
export const availableNumbers = async (
  numbers: NumberInventory,
  areaCode: string | undefined,
  page: PageRequest,
): Promise<Page<{ faxNumber: string }>> => {
  const { items, nextCursor } = await numbers.list({ status: 'available', ...(areaCode ? { prefix: areaCodePrefix(areaCode) } : {}) }, page);
  return { items: items.map(({ faxNumber }) => ({ faxNumber })), ...(nextCursor ? { nextCursor } : {}) };
};

/**
 * The `number-quarantine` schedule: every quarantined number whose quarantine has ended becomes
 * available again. Works in batches until done or `hasTimeLeft` says stop; a number moved by a run
 * that overlapped this one is not counted twice.
 */
export const endQuarantines = async (numbers: NumberInventory, hasTimeLeft: () => boolean, batchSize = 100) => {
  const at = now();
  let numbersReleased = 0;
  await drain({
    next: (limit) => numbers.quarantineEnded(at, limit),
    idOf: (faxNumber) => faxNumber,
    handle: async (faxNumber) => {
      if (await numbers.endQuarantine(faxNumber, at)) numbersReleased += 1;
    },
    hasTimeLeft,
    batchSize,
  });
  return { numbersReleased, releasedAt: at.toISOString() };
};
