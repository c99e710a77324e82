// The fax number inventory's items (see DATA-MODEL.md, "Fax numbers"). One item per number the
// service owns; it is also what routes a number's faxes to the account that holds it.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { NumberStatus } from '../../numbers/number';

export const numberKey = (faxNumber: string) => ({ PK: `NUMBER#${faxNumber}`, SK: 'NUMBER' });

/** GSI2's partition of the numbers of a status. */
export const numbersOfStatus = (status: NumberStatus) => `NUMBERS#${status}`;

/** GSI2 lists numbers by status: by number (an area code is a prefix), quarantined ones by the end of their quarantine. */
export const numberIndexKeys = (status: NumberStatus, faxNumber: string, quarantinedUntil?: string) => ({
  GSI2PK: numbersOfStatus(status),
  GSI2SK: status === 'quarantined' ? `${quarantinedUntil}#${faxNumber}` : faxNumber,
});

/** A number just added to the inventory: available. */
export const newNumberItem = (faxNumber: string, addedAt: string) => ({
  ...numberKey(faxNumber),
  ...numberIndexKeys('available', faxNumber),
  type: 'fax_number',
  faxNumber,
  status: 'available' satisfies NumberStatus,
  addedAt,
  updatedAt: addedAt,
});

/**
 * The transaction item that hands an available `faxNumber` to `accountId` (sign-up). When the
 * number is not available, the transaction is cancelled with the item as it stood (see
 * `holderStatus`), so the caller tells "not ours to give" from "taken" without another read.
 */
export const numberAssignment = (tableName: string, faxNumber: string, accountId: string, at: string) => {
  const index = numberIndexKeys('assigned', faxNumber);
  return {
    Update: {
      TableName: tableName,
      Key: numberKey(faxNumber),
      UpdateExpression: 'SET #status = :assigned, accountId = :account, updatedAt = :at, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk',
      ConditionExpression: '#status = :available',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':assigned': 'assigned',
        ':available': 'available',
        ':account': accountId,
        ':at': at,
        ':gsi2pk': index.GSI2PK,
        ':gsi2sk': index.GSI2SK,
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
};

/**
 * The status of a number item as a cancelled transaction returned it (DynamoDB's attribute
 * values, which the document client leaves as they are); undefined when there was no such item.
 */
export const holderStatus = (item: Record<string, AttributeValue> | undefined): NumberStatus | undefined =>
  item?.status?.S as NumberStatus | undefined;

/**
 * The transaction item that hands `faxNumber` back from `accountId` (conditional on its holding it):
 * available at once (a sign-up that expired unproven) or quarantined until `quarantinedUntil`
 * (an erased account's number, so the former customer's faxes reach nobody new; see
 * `quarantineEndOf` in shared/numbers/number.ts).
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
