import { TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

// Two transactions touching one item at once cancel each other with TransactionConflict;
// retrying settles which one's conditions hold.
const CONFLICT_ATTEMPTS = 4;

/** Waits before retry `attempt` (1, 2, …): exponential, with full jitter so that retries spread. */
export const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));

/** An item of a cancelled transaction whose condition failed: its index and, when it asked (`ReturnValuesOnConditionCheckFailure`), what it held then. */
export interface FailedCondition {
  index: number;
  /** The item as stored when its condition failed (DynamoDB's attribute values), absent when there was none. */
  item?: Record<string, AttributeValue>;
}

/**
 * Runs a transaction. Returns the items whose condition failed (empty on success), retrying
 * conflicts with concurrent transactions; anything else is thrown.
 */
export const transactWriteFailures = async (client: DynamoDBDocumentClient, input: TransactWriteCommandInput): Promise<FailedCondition[]> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand(input));
      return [];
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap(({ Code, Item }, index) => (Code === 'ConditionalCheckFailed' ? [{ index, ...(Item ? { item: Item } : {}) }] : []));
      if (failed.length > 0) return failed;
      if (!reasons.some(({ Code }) => Code === 'TransactionConflict') || attempt === CONFLICT_ATTEMPTS) throw error;
      await backOff(attempt);
    }
  }
};

/** Runs a transaction. Returns the indexes of the items whose condition failed (empty on success); see `transactWriteFailures`. */
export const transactWrite = async (client: DynamoDBDocumentClient, input: TransactWriteCommandInput): Promise<number[]> =>
  (await transactWriteFailures(client, input)).map(({ index }) => index);
