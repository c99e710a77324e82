import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

// Two transactions touching one item at once cancel each other with TransactionConflict;
// retrying settles which one's conditions hold.
const CONFLICT_ATTEMPTS = 4;

/** Waits before retry `attempt` (1, 2, …): exponential, with full jitter so that retries spread. */
export const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));

/**
 * Runs a transaction. Returns the indexes of the items whose condition failed (empty on success),
 * retrying conflicts with concurrent transactions; anything else is thrown.
 */
export const transactWrite = async (client: DynamoDBDocumentClient, input: TransactWriteCommandInput): Promise<number[]> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand(input));
      return [];
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      const failed = codes.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : []));
      if (failed.length > 0) return failed;
      if (!codes.includes('TransactionConflict') || attempt === CONFLICT_ATTEMPTS) throw error;
      await backOff(attempt);
    }
  }
};
