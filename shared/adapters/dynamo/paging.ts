import { paginateQuery, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { invalidCursor, type Page, type PageRequest } from '../../pages';

// Cursors carry only the sort key of the last item (of the table, or of the index queried); the
// partition always comes from the caller, so no cursor can reach into another tenant's items.
const encodeCursor = (sortKey: string) => Buffer.from(JSON.stringify({ sk: sortKey })).toString('base64url');

/** An ISO 8601 UTC instant as the service writes them (`toISOString`), for sort key patterns. */
export const ISO_INSTANT = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';

/** What a cursor's sort key must pass: a RegExp, or a check of its range too (a key condition's bound). */
type SortKeyCheck = Pick<RegExp, 'test'>;

const decodeCursor = (cursor: string, sortKeyPattern: SortKeyCheck): string => {
  try {
    const { sk } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { sk?: unknown };
    if (typeof sk === 'string' && sortKeyPattern.test(sk)) return sk;
  } catch {
    // not a cursor of ours
  }
  throw invalidCursor();
};

/** Where a page of an index Query continues: the index's sort key attribute, and the item key (index and table keys) at a sort key. */
interface IndexPosition {
  sortKey: string;
  keyAt(sortKey: string): Record<string, unknown>;
}

/**
 * One page of a Query within the table partition `partitionKey`, or of an index (`index`). A
 * filter may drop items, so a page can take several queries to fill; one item past the page tells
 * whether another page follows, so the last page carries no cursor. A cursor must match
 * `sortKeyPattern`, which keeps it within the range the key condition reads (DynamoDB refuses a
 * start key outside it).
 */
export const queryPage = async <T>(
  client: DynamoDBDocumentClient,
  query: { input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>; sortKeyPattern: SortKeyCheck } & (
    | { partitionKey: string; index?: never }
    | { index: IndexPosition; partitionKey?: never }
  ),
  { limit, cursor }: PageRequest,
  toItem: (item: Record<string, unknown>) => T,
): Promise<Page<T>> => {
  const { index } = query;
  const sortKeyOf = (item: Record<string, unknown>) => (index ? item[index.sortKey] : item.SK) as string;
  const keyAt = (sortKey: string) => (index ? index.keyAt(sortKey) : { PK: query.partitionKey, SK: sortKey });
  const found: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined = cursor === undefined ? undefined : keyAt(decodeCursor(cursor, query.sortKeyPattern));
  do {
    const result = await client.send(new QueryCommand({ ...query.input, Limit: limit + 1 - found.length, ExclusiveStartKey: startKey }));
    found.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey && found.length <= limit);
  const items = found.slice(0, limit);
  return {
    items: items.map(toItem),
    ...(found.length > limit ? { nextCursor: encodeCursor(sortKeyOf(items[limit - 1])) } : {}),
  };
};

/** Every item of a small table partition (an audit trail, the policy versions), consistently read, in key order. */
export const wholePartition = async (client: DynamoDBDocumentClient, tableName: string, partitionKey: string): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  const pages = paginateQuery({ client }, { TableName: tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': partitionKey }, ConsistentRead: true });
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
};
