import type { FunctionDeclaration } from '../functions/declaration';
import type { StageConfig } from './config';

/** AWS refuses any reservation that would leave less than this of a region's quota unreserved. */
export const UNRESERVED_CONCURRENCY_MINIMUM = 100;

/** What a stage reserves in all, over the declarations it deploys. */
export const reservedConcurrencyOf = (config: Pick<StageConfig, 'reserveConcurrency'>, declarations: readonly FunctionDeclaration[]): number =>
  config.reserveConcurrency ? declarations.reduce((sum, declaration) => sum + (declaration.reservedConcurrency ?? 0), 0) : 0;

/**
 * Whether a stage's reservations fit its account: at most the quota less what AWS keeps
 * unreserved. A quota of 100 or less (a fresh account's may be 10) leaves nothing to reserve.
 */
export const reservedConcurrencyWithinBudget = (reserved: number, accountQuota: number): boolean =>
  reserved <= Math.max(0, accountQuota - UNRESERVED_CONCURRENCY_MINIMUM);
