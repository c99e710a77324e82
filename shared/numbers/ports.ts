import type { Page, PageRequest } from '../pages';
import type { InventoryNumber, NumberStatus } from './number';

export interface AddedNumbers {
  added: number;
  alreadyPresent: number;
}

/** Which numbers a listing holds: those of one status, and of them only those starting with `prefix`. */
export interface NumberSelection {
  status: NumberStatus;
  prefix?: string;
}

/** The service's own fax numbers. Every change is conditional in the store, so races settle there. */
export interface NumberInventory {
  /**
   * Adds each number that is not in the inventory, as available; a number already in it, whatever
   * its status, stays as it is and counts as already present. `faxNumbers` holds no duplicates.
   */
  add(faxNumbers: readonly string[], addedAt: string): Promise<AddedNumbers>;
  /** A page of the selected numbers, in number order (quarantined ones by the end of their quarantine). */
  list(selection: NumberSelection, page: PageRequest): Promise<Page<InventoryNumber>>;
  /** Quarantined numbers whose quarantine ended by `at`, earliest end first, at most `limit`. */
  quarantineEnded(at: Date, limit: number): Promise<string[]>;
  /** Makes a number whose quarantine ended by `at` available; false when it was not (anymore) such a number. */
  endQuarantine(faxNumber: string, at: Date): Promise<boolean>;
}
