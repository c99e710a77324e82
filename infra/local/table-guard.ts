import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FunctionDeclaration } from '../../functions/declaration';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS, forbiddenTableAction, keyPrefixOf } from '../table-access';
import { tableSchema } from '../resources';

/** One item-level action of a DynamoDB request, as IAM authorizes it: the action, and the partition key or index it names. */
export interface TableAction {
  action: string;
  /** The partition key's value; absent for a query on an index. */
  partitionKey?: string;
  index?: string;
}

type AttributeValue = { S?: string };
type Item = Record<string, AttributeValue>;
type WriteRequest = { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } };

/** What the guard reads of a DynamoDB JSON request body (the fields differ per operation). */
interface Body {
  Key?: Item;
  Item?: Item;
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  /** BatchGetItem's `{ Keys }` or BatchWriteItem's write requests, by table. */
  RequestItems?: Record<string, { Keys: Item[] } | WriteRequest[]>;
  TransactItems?: Record<string, { Key?: Item; Item?: Item }>[];
}

const partitionKeyOf = (key: Item | undefined): string | undefined => key?.[tableSchema.partitionKey]?.S;

// A Query's partition key is the value its key condition sets the table's (or index's) partition key to.
const queriedPartitionKey = (body: Body): string | undefined => {
  const names = body.ExpressionAttributeNames ?? {};
  for (const [, name, value] of String(body.KeyConditionExpression ?? '').matchAll(/(#?[\w]+)\s*=\s*(:[\w]+)/g)) {
    if ((names[name!] ?? name) === tableSchema.partitionKey) return body.ExpressionAttributeValues?.[value!]?.S;
  }
  return undefined;
};

/** What a DynamoDB request (its `X-Amz-Target` operation and JSON body) asks of the table, item by item. */
export const tableActionsOf = (operation: string, body: Body): TableAction[] => {
  const on = (action: string, key: Item | undefined): TableAction => ({ action, partitionKey: partitionKeyOf(key) });
  switch (operation) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [on(operation, body.Key)];
    case 'PutItem':
      return [on(operation, body.Item)];
    case 'Query':
      return [body.IndexName ? { action: 'Query', index: body.IndexName } : { action: 'Query', partitionKey: queriedPartitionKey(body) }];
    case 'BatchGetItem':
      return Object.values(body.RequestItems ?? {}).flatMap((requests) => (requests as { Keys: Item[] }).Keys.map((key) => on('BatchGetItem', key)));
    case 'BatchWriteItem':
      return Object.values(body.RequestItems ?? {}).flatMap((requests) =>
        (requests as WriteRequest[]).map((request) => on('BatchWriteItem', request.PutRequest?.Item ?? request.DeleteRequest?.Key)),
      );
    // A transaction is authorized item by item, as the single-item actions it holds.
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return (body.TransactItems ?? []).map((item) => {
        const [kind, request] = Object.entries(item)[0]!;
        const action = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' }[kind] ?? kind;
        return on(action, request.Item ?? request.Key);
      });
    default:
      return [{ action: operation }];
  }
};

/** Why the declaration's IAM policy would refuse the action, or undefined where it allows it. */
export const refusalOf = (declaration: FunctionDeclaration, { action, partitionKey, index }: TableAction): string | undefined => {
  const { table, tableKeys } = declaration.access;
  const allowed = table === 'readWrite' ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : table === 'read' ? TABLE_READ_ACTIONS : [];
  if (!allowed.includes(action)) return `dynamodb:${action} is not granted`;
  const prefix = partitionKey === undefined ? undefined : keyPrefixOf(partitionKey);
  if (forbiddenTableAction(action, prefix)) return `dynamodb:${action} is denied on ${prefix} items`;
  if (index !== undefined) return undefined;
  // Only the prefix: a partition key can name a person (an email, a fax number).
  if (prefix === undefined || !(tableKeys ?? []).some((declared) => declared === prefix)) return `dynamodb:${action} on ${prefix ?? 'an unknown key'} items is outside its tableKeys`;
  return undefined;
};

class TableAccessDenied extends Error {
  constructor(functionName: string, reason: string) {
    super(`${functionName}: ${reason} (functions/${functionName}/function.ts declares its table access)`);
    this.name = 'AccessDeniedException';
  }
}

const invoking = new AsyncLocalStorage<FunctionDeclaration>();
// A process may start several runtimes (the bench does): one guard a client.
const guarded = new WeakSet<DynamoDBDocumentClient>();

/** Runs a function's invocation as that function, for the table guard. */
export const runAs = <T>(declaration: FunctionDeclaration, invocation: () => Promise<T>): Promise<T> => invoking.run(declaration, invocation);

/**
 * Refuses, on the functions' one table client, what IAM would refuse the invoking function in AWS
 * (its declared actions and key prefixes, no Scan, no change to an audit entry), so a declaration
 * that is not enough fails locally and in the e2e tests, not in production. Calls outside an
 * invocation (the runtime's own) pass.
 */
export const guardTable = (client: DynamoDBDocumentClient): void => {
  if (guarded.has(client)) return;
  guarded.add(client);
  client.middlewareStack.add(
    (next) => async (args) => {
      const declaration = invoking.getStore();
      const request = args.request as { headers?: Record<string, string>; body?: string | Uint8Array };
      const target = request.headers?.['x-amz-target'];
      if (declaration && target && request.body !== undefined) {
        const body = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
        for (const action of tableActionsOf(target.split('.').pop()!, JSON.parse(body) as Body)) {
          const reason = refusalOf(declaration, action);
          if (reason) throw new TableAccessDenied(declaration.name, reason);
        }
      }
      return next(args);
    },
    { step: 'build', priority: 'low', name: 'localTableGuard' },
  );
};
