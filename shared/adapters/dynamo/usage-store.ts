import { paginateQuery, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Fax } from '../../faxes/fax';
import { monthOf } from '../../months';
import type { UsageStore } from '../../usage/ports';
import { usageCounterExpiry } from '../../usage/rollup';
import type { AccountUsage, MonthRollup } from '../../usage/usage';
import { accountKey } from './account-store';
import { getByKeys } from './batch-get';
import { updateIf } from './conditional';
import { shardOf } from './shards';

// Usage counters and their monthly rollups (DATA-MODEL.md, "Usage reports").

/**
 * GSI2 spreads each month's counters over this many partitions: every delivered fax updates its
 * account's counter, so its index entry too. At 1,000 faxes a second, about 60 writes a second
 * each, far under a partition's 1,000. The rollup reads every shard, so the count may grow, but
 * not shrink while a month under a higher shard is still to be rolled up.
 */
const USAGE_SHARDS = 16;

const usageIndexKey = (month: string, shard: number) => `USAGE#${month}#${shard}`;

/** Accounts a rollup reads at once: BatchGetItem's most keys a call. */
const ACCOUNTS_PER_READ = 100;

/** The one partition of the monthly rollups: one item a month, so it grows by 12 items a year. */
const ROLLUPS = 'USAGEREPORT#MONTHS';

/**
 * The update that counts a fax in its account's counter of the month it was accepted in: a part
 * of the transaction that saves the fax (`DynamoInbox.save`), so it counts exactly when the fax
 * is saved, once, however often its message is delivered.
 */
export const usageCounterUpdate = (tableName: string, { accountId, acceptedAt }: Pick<Fax, 'accountId' | 'acceptedAt'>) => {
  const accepted = new Date(acceptedAt);
  const month = monthOf(accepted);
  const expiresAt = usageCounterExpiry(accepted);
  return {
    Update: {
      TableName: tableName,
      Key: { PK: `ACCOUNT#${accountId}`, SK: `USAGE#${month}` },
      UpdateExpression: 'SET #type = :type, #month = :month, GSI2PK = :index, GSI2SK = :accountId, expiresAt = :expiresAt, expiresAtEpoch = :epoch ADD faxes :one',
      ExpressionAttributeNames: { '#type': 'type', '#month': 'month' },
      ExpressionAttributeValues: {
        ':type': 'usage_counter',
        ':month': month,
        ':index': usageIndexKey(month, shardOf(accountId, USAGE_SHARDS)),
        ':accountId': accountId,
        ':expiresAt': expiresAt.toISOString(),
        ':epoch': Math.floor(expiresAt.getTime() / 1000),
        ':one': 1,
      },
    },
  };
};

export class DynamoUsageStore implements UsageStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async rollups(): Promise<MonthRollup[]> {
    const rollups: MonthRollup[] = [];
    for await (const page of paginateQuery({ client: this.client }, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': ROLLUPS } })) {
      for (const { month, cells } of page.Items ?? []) rollups.push({ month: month as string, cells: cells as MonthRollup['cells'] });
    }
    return rollups;
  }

  async latestRollup(): Promise<string | undefined> {
    const { Items } = await this.client.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': ROLLUPS }, ScanIndexForward: false, Limit: 1, ConsistentRead: true }),
    );
    return Items?.[0]?.month as string | undefined;
  }

  async *usageOf(month: string, at: Date): AsyncIterable<AccountUsage[]> {
    for (let shard = 0; shard < USAGE_SHARDS; shard += 1) {
      const pages = paginateQuery(
        { client: this.client, pageSize: ACCOUNTS_PER_READ },
        {
          TableName: this.tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :index',
          FilterExpression: 'expiresAt > :at',
          ExpressionAttributeValues: { ':index': usageIndexKey(month, shard), ':at': at.toISOString() },
        },
      );
      for await (const page of pages) {
        const counters = page.Items ?? [];
        const accounts = await getByKeys(this.client, this.tableName, counters.map((counter) => accountKey(counter.GSI2SK as string)));
        yield counters.map((counter, index) => {
          const account = accounts[index];
          const processing = account?.processing as { restricted?: boolean; objectedToProfiling?: boolean } | undefined;
          return {
            faxes: counter.faxes as number,
            ...(account && {
              account: {
                faxNumber: account.faxNumber as string,
                restricted: processing?.restricted === true,
                objectedToProfiling: processing?.objectedToProfiling === true,
                beingRemoved: account.removal !== undefined,
              },
            }),
          };
        });
      }
    }
  }

  async saveRollup({ month, cells }: MonthRollup, rolledUpAt: string): Promise<void> {
    // Refused when the month has its rollup: an overlapping run's copy changes nothing.
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: { PK: ROLLUPS, SK: `MONTH#${month}` },
      UpdateExpression: 'SET #type = :type, #month = :month, cells = :cells, rolledUpAt = :at',
      ConditionExpression: 'attribute_not_exists(PK)',
      ExpressionAttributeNames: { '#type': 'type', '#month': 'month' },
      ExpressionAttributeValues: { ':type': 'usage_rollup', ':month': month, ':cells': cells, ':at': rolledUpAt },
    });
  }
}
