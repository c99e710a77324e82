import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backOff } from './transactions';

/** DynamoDB's BatchWriteItem limit. */
const BATCH_WRITE_LIMIT = 25;
/** Attempts at writing what BatchWriteItem leaves unprocessed (it does under throttling). */
const BATCH_WRITE_ATTEMPTS = 8;

/**
 * Deletes items by key, 25 to a BatchWriteItem call; what a call leaves unprocessed is sent
 * again with back-off, and anything still unprocessed then is an error (never taken for done).
 * Deleting an item that is not there succeeds.
 */
export const deleteByKeys = async (client: DynamoDBDocumentClient, tableName: string, keys: readonly Readonly<Record<string, string>>[]): Promise<void> => {
  for (let start = 0; start < keys.length; start += BATCH_WRITE_LIMIT) {
    let pending: object[] = keys.slice(start, start + BATCH_WRITE_LIMIT).map((key) => ({ DeleteRequest: { Key: key } }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > BATCH_WRITE_ATTEMPTS) throw new Error(`BatchWriteItem left ${pending.length} deletes unprocessed after ${BATCH_WRITE_ATTEMPTS} attempts`);
      if (attempt > 1) await backOff(attempt);
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
      pending = UnprocessedItems?.[tableName] ?? [];
    }
  }
};
