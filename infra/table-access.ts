// What a function's table access means in IAM terms: the stacks grant it, the local runtime's
// table guard (infra/local/table-guard.ts) enforces the same, so the two cannot drift.

/**
 * The prefixes of the table's partition keys (shared/adapters/dynamo/DATA-MODEL.md): the text
 * before a key's first `#`. A declaration's `tableKeys` names those it touches.
 */
export type TableKeyPrefix =
  | 'ACCOUNT'
  | 'AUDIT'
  | 'DELIVERY'
  | 'EMAIL'
  | 'EMAILSENT'
  | 'ERASURE'
  | 'GATEWAYEVENT'
  | 'LEGAL'
  | 'LEGALHOLD'
  | 'NUMBER'
  | 'OPTOUT'
  | 'POLICY'
  | 'REFERRALCODE'
  | 'RIGHTS'
  | 'SENDER'
  | 'SUPPRESSED'
  | 'THROTTLE'
  | 'UPLOAD'
  | 'USAGEREPORT';

/** The prefix of a partition key, or undefined for a key without one. */
export const keyPrefixOf = (partitionKey: string): string | undefined => {
  const end = partitionKey.indexOf('#');
  return end < 0 ? undefined : partitionKey.slice(0, end);
};

/** The `dynamodb:LeadingKeys` patterns of key prefixes. */
export const leadingKeyPatterns = (prefixes: readonly string[]): string[] => prefixes.map((prefix) => `${prefix}#*`);

/**
 * Reading: single and batch gets, queries, a transaction's condition checks. No Scan: every read
 * names its partition (DATA-MODEL.md), and a Scan would read every person's items at once.
 */
export const TABLE_READ_ACTIONS: readonly string[] = ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem'];
/** Writing; a transaction is authorized as the single-item actions it holds. */
export const TABLE_WRITE_ACTIONS: readonly string[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];

/**
 * Audit entries are append-only: put once (`attribute_not_exists`), never changed or removed, by
 * any function; every writer's role carries this as an explicit Deny.
 */
export const APPEND_ONLY = { prefixes: ['AUDIT'] as TableKeyPrefix[], deniedActions: ['UpdateItem', 'DeleteItem', 'BatchWriteItem'] } as const;

/** Whether the append-only Deny refuses the action on an item of that prefix. */
export const forbiddenTableAction = (action: string, prefix: string | undefined): boolean =>
  prefix !== undefined && (APPEND_ONLY.prefixes as readonly string[]).includes(prefix) && (APPEND_ONLY.deniedActions as readonly string[]).includes(action);
