import { DeleteCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isExpired, type Fax } from '../../faxes/fax';
import type { BlockList, BlockedSender, ExpiryWindow, FaxPage, FaxRef, Inbox, Recipients } from '../../faxes/ports';
import { accountKey } from './account-store';
import { numberKey } from './number-items';
import type { Page, PageRequest } from '../../pages';
import { E164_SOURCE } from '../../e164';
import { queryPage } from './paging';
import { monthsOf } from '../../months';
import { shardOf } from './shards';
import { transactWrite } from './transactions';
import { usageCounterUpdate } from './usage-store';

// Keys of the single table (see DATA-MODEL.md).
const faxKey = (accountId: string, faxId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `FAX#${faxId}` });
const blockedKey = (accountId: string, faxNumber: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `BLOCKED#${faxNumber}` });

export const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const withoutKeys = <T>(item: Record<string, unknown>): T => {
  const { PK: _pk, SK: _sk, GSI1PK: _g1pk, GSI1SK: _g1sk, type: _type, expiresAtEpoch: _ttl, ...rest } = item;
  return rest as T;
};

export class DynamoRecipients implements Recipients {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // The number's inventory item names the account that holds it; available and quarantined numbers reach nobody.
  async recipient(faxNumber: string) {
    const number = await this.client.send(new GetCommand({ TableName: this.tableName, Key: numberKey(faxNumber), ConsistentRead: true }));
    const accountId = number.Item?.status === 'assigned' ? (number.Item.accountId as string | undefined) : undefined;
    if (!accountId) return undefined;
    const account = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: accountKey(accountId),
        ProjectionExpression: '#status',
        ExpressionAttributeNames: { '#status': 'status' },
        ConsistentRead: true,
      }),
    );
    return account.Item ? { accountId, active: account.Item.status === 'active' } : undefined;
  }
}

// The inbox lists the `FAX#` range, which holds faxes only. A deleted or refused fax leaves its
// marker under `FAXGONE#` instead ('G' sorts after '#': no `FAX#` prefix reaches it), so however
// many faxes a customer deleted, a page is one Query.
const goneKey = (accountId: string, faxId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `FAXGONE#${faxId}` });

// What stays of a deleted or refused fax until its expiry: that it is gone and nothing personal,
// so a redelivered message cannot save it again. TTL removes it; the sweep never sees it (no GSI1 keys).
export const goneMarker = ({ accountId, faxId, expiresAt }: FaxRef) => ({
  ...goneKey(accountId, faxId),
  type: 'fax_gone',
  expiresAtEpoch: epochSeconds(expiresAt),
});

const absent = 'attribute_not_exists(PK)';

/**
 * A transaction's check that the account still takes new data: active, its removal (an erasure,
 * an expiry) not begun. Atomic with the write it guards, so nothing lands in a partition the
 * erasure has swept (DATA-MODEL.md, "Erasure").
 */
const accountTakesData = (tableName: string, accountId: string) => ({
  ConditionCheck: {
    TableName: tableName,
    Key: accountKey(accountId),
    ConditionExpression: '#status = :active AND attribute_not_exists(removal)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':active': 'active' },
  },
});

/** What takes a fax item away at its expiry: its entry in the expiry index (the sweep) and its TTL. */
export const expiryOf = (fax: Pick<Fax, 'faxId' | 'expiresAt'>) => ({
  GSI1PK: expiryPartitionOf(fax),
  GSI1SK: `${fax.expiresAt}#${fax.faxId}`,
  expiresAtEpoch: epochSeconds(fax.expiresAt),
});

/** A fax's item: its metadata, listed by its expiry on GSI1, with its TTL. */
export const faxItem = (fax: Fax) => ({
  ...faxKey(fax.accountId, fax.faxId),
  type: 'fax',
  ...fax,
  ...expiryOf(fax),
});

/**
 * GSI1 spreads each month's expiries over this many partition keys. One key takes about 1,000
 * writes a second (DynamoDB's per-partition limit), so a month's index takes ten times that
 * (ingest and deletes together) before it throttles. The sweep reads every shard, so the count
 * may grow, but not shrink while faxes indexed under a higher shard are stored.
 */
const EXPIRY_SHARDS = 10;

const expiryPartitionKey = (month: string, shard: number) => `FAXEXPIRY#${month}#${shard}`;

/** GSI1's partition key of a fax: its expiry month and shard. */
export const expiryPartitionOf = ({ faxId, expiresAt }: Pick<Fax, 'faxId' | 'expiresAt'>) => expiryPartitionKey(expiresAt.slice(0, 7), shardOf(faxId, EXPIRY_SHARDS));

export class DynamoInbox implements Inbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // Every write that can race another (a redelivered message against a deletion or a refusal) is
  // one transaction whose conditions decide: never a read, then a write.
  async save(fax: Fax): Promise<boolean> {
    // A condition that fails (the fax is stored, or gone) leaves everything as it is.
    const failed = await transactWrite(this.client, {
      TransactItems: [
        { ConditionCheck: { TableName: this.tableName, Key: goneKey(fax.accountId, fax.faxId), ConditionExpression: absent } },
        {
          Put: {
            TableName: this.tableName,
            Item: faxItem(fax),
            ConditionExpression: absent,
          },
        },
        accountTakesData(this.tableName, fax.accountId),
        // Counted with the save, so exactly once: a redelivery's cancelled save counts nothing.
        usageCounterUpdate(this.tableName, fax),
      ],
    });
    return !failed.includes(2);
  }

  list(accountId: string, { at, ...page }: PageRequest & { at: Date }): Promise<FaxPage> {
    return queryPage(
      this.client,
      {
        input: {
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :fax)',
          // Drops only faxes the hourly sweep has not removed yet: a page rarely needs a second Query.
          FilterExpression: 'expiresAt > :at',
          ExpressionAttributeValues: { ':pk': `ACCOUNT#${accountId}`, ':fax': 'FAX#', ':at': at.toISOString() },
          ScanIndexForward: false,
        },
        partitionKey: `ACCOUNT#${accountId}`,
        sortKeyPattern: /^FAX#fax_[0-9A-Z]{26}$/,
      },
      page,
      (item) => withoutKeys<Fax>(item),
    );
  }

  async get(accountId: string, faxId: string): Promise<Fax | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: faxKey(accountId, faxId), ConsistentRead: true }));
    return Item ? withoutKeys<Fax>(Item) : undefined;
  }

  async remove(fax: FaxRef): Promise<void> {
    await transactWrite(this.client, {
      TransactItems: [
        { Delete: { TableName: this.tableName, Key: faxKey(fax.accountId, fax.faxId) } },
        { Put: { TableName: this.tableName, Item: goneMarker(fax) } },
      ],
    });
  }

  async refuse(fax: FaxRef): Promise<boolean> {
    // Its only condition fails when an earlier copy of the message delivered the fax: it stays.
    // An earlier refusal whose document deletion may not have finished is refused again.
    const failed = await transactWrite(this.client, {
      TransactItems: [
        { ConditionCheck: { TableName: this.tableName, Key: faxKey(fax.accountId, fax.faxId), ConditionExpression: absent } },
        { Put: { TableName: this.tableName, Item: goneMarker(fax) } },
      ],
    });
    return failed.length === 0;
  }

  async purge(accountId: string, faxId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: faxKey(accountId, faxId) }));
  }

  async expired(window: ExpiryWindow, limit: number): Promise<Fax[]> {
    const partitions = monthsOf(window).flatMap((month) => Array.from({ length: EXPIRY_SHARDS }, (_, shard) => expiryPartitionKey(month, shard)));
    const found: Fax[] = [];
    for (const partition of partitions) {
      if (found.length >= limit) break;
      const { Items } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :partition AND GSI1SK BETWEEN :since AND :until',
          ExpressionAttributeValues: { ':partition': partition, ':since': window.since.toISOString(), ':until': `${window.until.toISOString()}#~` },
          Limit: limit - found.length,
        }),
      );
      found.push(...(Items ?? []).map((item) => withoutKeys<Fax>(item)).filter((fax) => isExpired(fax, window.until)));
    }
    return found;
  }
}

export class DynamoBlockList implements BlockList {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isBlocked(accountId: string, faxNumber: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: blockedKey(accountId, faxNumber), ConsistentRead: true }));
    return Item !== undefined;
  }

  // A transaction returns no values: the first `blockedAt` is read back (consistently) once written.
  async block(accountId: string, faxNumber: string, at: string): Promise<BlockedSender | undefined> {
    const failed = await transactWrite(this.client, {
      TransactItems: [
        {
          Update: {
            TableName: this.tableName,
            Key: blockedKey(accountId, faxNumber),
            UpdateExpression: 'SET #type = :type, faxNumber = :faxNumber, blockedAt = if_not_exists(blockedAt, :at)',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':type': 'blocked_sender', ':faxNumber': faxNumber, ':at': at },
          },
        },
        accountTakesData(this.tableName, accountId),
      ],
    });
    if (failed.length > 0) return undefined;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: blockedKey(accountId, faxNumber), ConsistentRead: true }));
    return { faxNumber, blockedAt: (Item?.blockedAt as string | undefined) ?? at };
  }

  async unblock(accountId: string, faxNumber: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: blockedKey(accountId, faxNumber) }));
  }

  list(accountId: string, page: PageRequest): Promise<Page<BlockedSender>> {
    return queryPage(
      this.client,
      {
        input: {
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :blocked)',
          ExpressionAttributeValues: { ':pk': `ACCOUNT#${accountId}`, ':blocked': 'BLOCKED#' },
        },
        partitionKey: `ACCOUNT#${accountId}`,
        sortKeyPattern: new RegExp(`^BLOCKED#${E164_SOURCE}$`),
      },
      page,
      (item) => ({ faxNumber: item.faxNumber as string, blockedAt: item.blockedAt as string }),
    );
  }

}
