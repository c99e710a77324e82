import { GetAccountSettingsCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { catalog } from '../functions/catalog';
import { UNRESERVED_CONCURRENCY_MINIMUM, reservedConcurrencyOf, reservedConcurrencyWithinBudget } from './concurrency';
import { tunablesFor, type Stage } from './config';

export interface ConcurrencyCheck {
  stage: Stage;
  /** What the stage's functions reserve in all. */
  reserved: number;
  /** The account's concurrent-executions limit in the client's region. */
  accountLimit: number;
  /** What the account leaves unreserved now (other functions' reservations, and ours once deployed, taken). */
  unreserved: number;
  /** reserved + the 100 AWS keeps unreserved: the least limit that holds a stage reserving anything. */
  needed: number;
  fits: boolean;
}

/**
 * Before a deploy: whether the account's Lambda concurrency limit holds what the stage reserves
 * plus the 100 AWS keeps unreserved. A fresh account's limit may be 10, and Lambda then refuses
 * every reservation mid-deploy; raising it takes days (README, runbook).
 */
export const checkConcurrencyQuota = async (lambda: LambdaClient, stage: Stage): Promise<ConcurrencyCheck> => {
  const { AccountLimit } = await lambda.send(new GetAccountSettingsCommand({}));
  const accountLimit = AccountLimit?.ConcurrentExecutions;
  if (accountLimit === undefined) throw new Error('GetAccountSettings returned no concurrent-executions limit');
  const reserved = reservedConcurrencyOf(tunablesFor(stage), catalog);
  const needed = reserved + UNRESERVED_CONCURRENCY_MINIMUM;
  return { stage, reserved, accountLimit, unreserved: AccountLimit?.UnreservedConcurrentExecutions ?? accountLimit, needed, fits: reservedConcurrencyWithinBudget(reserved, accountLimit) };
};
