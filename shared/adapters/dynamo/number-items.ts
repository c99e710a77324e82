// The fax number inventory's items (see DATA-MODEL.md, "Fax numbers"). One item per number the
// service owns; it is also what routes a number's faxes to the account that holds it.

type NumberStatus = 'available' | 'assigned' | 'quarantined';

export const numberKey = (faxNumber: string) => ({ PK: `NUMBER#${faxNumber}`, SK: 'NUMBER' });

/** GSI2 lists numbers by status: by number (an area code is a prefix), quarantined ones by the end of their quarantine. */
export const numberIndexKeys = (status: NumberStatus, faxNumber: string, quarantinedUntil?: string) => ({
  GSI2PK: `NUMBERS#${status}`,
  GSI2SK: status === 'quarantined' ? `${quarantinedUntil}#${faxNumber}` : faxNumber,
});

/**
 * The transaction item that hands `faxNumber` back from `accountId` (conditional on its holding it):
 * available at once (a sign-up that expired unproven) or quarantined until `quarantinedUntil`
 * (an erased account's number, so the former customer's faxes reach nobody new).
 */
export const numberRelease = (tableName: string, faxNumber: string, accountId: string, at: string, quarantinedUntil?: string) => {
  const status: NumberStatus = quarantinedUntil ? 'quarantined' : 'available';
  const index = numberIndexKeys(status, faxNumber, quarantinedUntil);
  return {
    Update: {
      TableName: tableName,
      Key: numberKey(faxNumber),
      UpdateExpression: quarantinedUntil
        ? 'SET #status = :status, updatedAt = :at, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk, quarantinedUntil = :until REMOVE accountId'
        : 'SET #status = :status, updatedAt = :at, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk REMOVE accountId, quarantinedUntil',
      ConditionExpression: 'accountId = :holder',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ':at': at,
        ':gsi2pk': index.GSI2PK,
        ':gsi2sk': index.GSI2SK,
        ':holder': accountId,
        ...(quarantinedUntil ? { ':until': quarantinedUntil } : {}),
      },
    },
  };
};
