// An in-memory table behind a mocked document client, for tests of what a store's items and
// conditions guarantee together. It answers Get, Delete, TransactWrite and table Queries as
// DynamoDB does (a transaction's updates: SET and ADD), each atomically; an expression it does not know throws, so it never answers
// what DynamoDB would not.
import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { transactionCanceled } from './accounts';

type Item = Record<string, unknown>;
type Key = { PK: unknown; SK: unknown };

const idOf = ({ PK, SK }: Key) => JSON.stringify([PK, SK]);

const unknownExpression = (expression: string): never => {
  throw new Error(`the fake table does not know the expression "${expression}"`);
};

export interface FakeTable {
  /** Every item, in key order. */
  items(): Item[];
  /** Stores an item as it is, as data written by an earlier release would be. */
  put(item: Item): void;
}

/** An item after an update of `SET name = :value, …` and `ADD name :number, …` clauses (the only ones it knows). */
const updated = (
  item: Item,
  { UpdateExpression = '', ExpressionAttributeNames = {}, ExpressionAttributeValues = {} }: { UpdateExpression?: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> },
): Item => {
  const next = structuredClone(item);
  const nameOf = (name: string) => ExpressionAttributeNames[name] ?? name;
  const clauses = [...UpdateExpression.matchAll(/(SET|ADD) ((?:(?!\b(?:SET|ADD)\b).)+)/g)];
  if (clauses.map(([clause]) => clause).join('') !== UpdateExpression) return unknownExpression(UpdateExpression);
  for (const [, action, clause] of clauses) {
    for (const part of clause.split(',').map((text) => text.trim())) {
      const assignment = action === 'SET' ? /^([#\w]+) = (:\w+)$/.exec(part) : /^([#\w]+) (:\w+)$/.exec(part);
      if (!assignment) return unknownExpression(UpdateExpression);
      const [, name, value] = assignment;
      next[nameOf(name)] = action === 'SET' ? ExpressionAttributeValues[value] : Number(next[nameOf(name)] ?? 0) + Number(ExpressionAttributeValues[value]);
    }
  }
  return next;
};

export const givenFakeTable = (ddb: AwsClientStub<DynamoDBDocumentClient>): FakeTable => {
  const stored = new Map<string, Item>();
  const holds = (condition: string | undefined, key: Key, values: Record<string, unknown> = {}) => {
    if (condition === undefined) return true;
    if (condition === 'attribute_not_exists(PK)') return !stored.has(idOf(key));
    // An account that still takes data (shared/adapters/dynamo/fax-stores.ts, `accountTakesData`).
    if (condition === '#status = :active AND attribute_not_exists(removal)') {
      const item = stored.get(idOf(key));
      return item !== undefined && item.status === values[':active'] && item.removal === undefined;
    }
    return unknownExpression(condition);
  };

  ddb.on(GetCommand).callsFake(({ Key }: { Key: Key }) => ({ Item: structuredClone(stored.get(idOf(Key))) }));
  ddb.on(DeleteCommand).callsFake(({ Key }: { Key: Key }) => {
    stored.delete(idOf(Key));
    return {};
  });
  ddb.on(TransactWriteCommand).callsFake(({ TransactItems = [] }: TransactWriteCommandInput) => {
    const codes = TransactItems.map(({ ConditionCheck, Put, Delete, Update }) => {
      const write = ConditionCheck ?? Delete ?? Put ?? Update;
      const key = (ConditionCheck?.Key ?? Delete?.Key ?? Update?.Key ?? Put?.Item) as Key;
      return holds(write?.ConditionExpression, key, write?.ExpressionAttributeValues) ? 'None' : 'ConditionalCheckFailed';
    });
    if (codes.includes('ConditionalCheckFailed')) throw transactionCanceled(...codes);
    for (const { Put, Delete, Update } of TransactItems) {
      if (Put) stored.set(idOf(Put.Item as Key), structuredClone(Put.Item as Item));
      if (Delete) stored.delete(idOf(Delete.Key as Key));
      if (Update) stored.set(idOf(Update.Key as Key), updated(stored.get(idOf(Update.Key as Key)) ?? { ...Update.Key }, Update));
    }
    return {};
  });
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const values = input.ExpressionAttributeValues ?? {};
    const keyCondition = /^PK = (:\w+) AND begins_with\(SK, (:\w+)\)$/.exec(input.KeyConditionExpression ?? '');
    if (input.IndexName !== undefined || !keyCondition) return unknownExpression(input.KeyConditionExpression ?? '');
    const filter = input.FilterExpression === undefined ? undefined : /^(\w+) > (:\w+)$/.exec(input.FilterExpression);
    if (input.FilterExpression !== undefined && !filter) return unknownExpression(input.FilterExpression);
    const [, pk, prefix] = keyCondition;
    const forward = input.ScanIndexForward !== false;
    let range = [...stored.values()]
      .filter((item) => item.PK === values[pk] && String(item.SK).startsWith(String(values[prefix])))
      .sort((a, b) => String(a.SK).localeCompare(String(b.SK)) * (forward ? 1 : -1));
    const start = input.ExclusiveStartKey;
    if (start) range = range.filter((item) => (forward ? String(item.SK) > String(start.SK) : String(item.SK) < String(start.SK)));
    // Limit counts the items read, before the filter drops any.
    const read = range.slice(0, input.Limit ?? range.length);
    const more = read.length < range.length;
    return {
      // A comparison with an attribute the item lacks is false.
      Items: read.filter((item) => !filter || (item[filter[1]] !== undefined && String(item[filter[1]]) > String(values[filter[2]]))),
      ...(more ? { LastEvaluatedKey: { PK: read[read.length - 1].PK, SK: read[read.length - 1].SK } } : {}),
    };
  });
  return {
    items: () => [...stored.values()].sort((a, b) => idOf(a as Key).localeCompare(idOf(b as Key))),
    put: (item) => stored.set(idOf(item as Key), structuredClone(item)),
  };
};
