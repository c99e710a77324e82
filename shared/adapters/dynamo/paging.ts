import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { invalidCursor, type Page, type PageRequest } from '../../pages';

// Cursors carry only the sort key of the last item; the partition always comes from the caller,
// so no cursor can reach into another tenant's items.
const encodeCursor = (sortKey: string) => Buffer.from(JSON.stringify({ sk: sortKey })).toString('base64url');

const decodeCursor = (cursor: string, sortKeyPattern: RegExp): string => {
  try {
    const { sk } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { sk?: unknown };
    if (typeof sk === 'string' && sortKeyPattern.test(sk)) return sk;
  } catch {
    // not a cursor of ours
  }
  throw invalidCursor();
};

/**
 * One page of a Query within the partition `partitionKey`. A filter may drop items, so a page can
 * take several queries to fill; one item past the page tells whether another page follows, so the
 * last page carries no cursor.
 */
export const queryPage = async <T>(
  client: DynamoDBDocumentClient,
  query: { input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>; partitionKey: string; sortKeyPattern: RegExp },
  { limit, cursor }: PageRequest,
  toItem: (item: Record<string, unknown>) => T,
): Promise<Page<T>> => {
  const found: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined =
    cursor === undefined ? undefined : { PK: query.partitionKey, SK: decodeCursor(cursor, query.sortKeyPattern) };
  do {
    const result = await client.send(new QueryCommand({ ...query.input, Limit: limit + 1 - found.length, ExclusiveStartKey: startKey }));
    found.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey && found.length <= limit);
  const items = found.slice(0, limit);
  return {
    items: items.map(toItem),
    ...(found.length > limit ? { nextCursor: encodeCursor(items[limit - 1].SK as string) } : {}),
  };
};
