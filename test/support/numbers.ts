// Fixtures of the fax number inventory: its items as the table keeps them (DATA-MODEL.md, "Fax numbers").
import type { NumberStatus } from '../../shared/numbers/number';

export const ADDED_AT = '2026-01-02T09:00:00.000Z';

export const numberKey = (faxNumber: string) => ({ PK: `NUMBER#${faxNumber}`, SK: 'NUMBER' });

/** A number's item in `status`: held by `accountId` while assigned, until `quarantinedUntil` while quarantined. */
export const numberItem = (faxNumber: string, status: NumberStatus, holder: { accountId?: string; quarantinedUntil?: string } = {}) => ({
  ...numberKey(faxNumber),
  GSI2PK: `NUMBERS#${status}`,
  GSI2SK: status === 'quarantined' ? `${holder.quarantinedUntil}#${faxNumber}` : faxNumber,
  type: 'fax_number',
  faxNumber,
  status,
  addedAt: ADDED_AT,
  updatedAt: ADDED_AT,
  ...holder,
});
