import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backOff } from './transactions';

type TableKey = Record<'PK' | 'SK', string>;

/** Attempts at reading keys BatchGetItem leaves unprocessed (it does under throttling). */
const BATCH_GET_ATTEMPTS = 5;

const idOf = (key: Record<string, unknown>): string => JSON.stringify([key.PK, key.SK]);

/**
 * Reads items by key in one BatchGetItem, answering them in the order of `keys` (undefined where
 * there is none). BatchGetItem answers in any order, so items are matched by key; keys it leaves
 * unprocessed are asked again with back-off, and any still unprocessed then are an error, never
 * taken for "no such item".
 */
export const getByKeys = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: TableKey[],
): Promise<(Record<string, unknown> | undefined)[]> => {
  const found = new Map<string, Record<string, unknown>>();
  let pending: Record<string, unknown>[] = keys;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > BATCH_GET_ATTEMPTS) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${BATCH_GET_ATTEMPTS} attempts`);
    if (attempt > 1) await backOff(attempt);
    const { Responses, UnprocessedKeys } = await client.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const item of Responses?.[tableName] ?? []) found.set(idOf(item), item);
    pending = UnprocessedKeys?.[tableName]?.Keys ?? [];
  }
  return keys.map((key) => found.get(idOf(key)));
};
