import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isExpired, type Fax } from '../../faxes/fax';
import type { BlockList, BlockedSender, FaxPage, FaxRef, Inbox, Recipients } from '../../faxes/ports';
import { accountKey } from './account-store';
import type { Page, PageRequest } from '../../pages';
import { queryPage } from './paging';

// Keys of the single table (see DATA-MODEL.md).
const faxKey = (accountId: string, faxId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `FAX#${faxId}` });
const blockedKey = (accountId: string, faxNumber: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `BLOCKED#${faxNumber}` });
const faxNumberClaimKey = (faxNumber: string) => ({ PK: `FAXNUMBER#${faxNumber}`, SK: 'CLAIM' });
const expiryMonthKey = (month: string) => `FAXEXPIRY#${month}`;

/** How far back the sweep looks for expiry months that TTL has not cleared. */
const SWEEP_LOOKBACK_MONTHS = 3;

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

  async recipient(faxNumber: string) {
    const claim = await this.client.send(new GetCommand({ TableName: this.tableName, Key: faxNumberClaimKey(faxNumber), ConsistentRead: true }));
    const accountId = claim.Item?.accountId as string | undefined;
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

const FAX_TYPE = 'fax';

// What stays of a deleted or refused fax until its expiry: its key and nothing personal, so a
// redelivered message finds the key taken. TTL removes it; the sweep never sees it (no GSI1 keys).
const goneMarker = ({ accountId, faxId, expiresAt }: FaxRef) => ({
  ...faxKey(accountId, faxId),
  type: 'fax_gone',
  expiresAtEpoch: epochSeconds(expiresAt),
});

export class DynamoInbox implements Inbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(fax: Fax): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...faxKey(fax.accountId, fax.faxId),
            type: FAX_TYPE,
            ...fax,
            GSI1PK: expiryMonthKey(fax.expiresAt.slice(0, 7)),
            GSI1SK: `${fax.expiresAt}#${fax.faxId}`,
            expiresAtEpoch: epochSeconds(fax.expiresAt),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  list(accountId: string, { at, ...page }: PageRequest & { at: Date }): Promise<FaxPage> {
    return queryPage(
      this.client,
      {
        input: {
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :fax)',
          // Neither deletion markers nor expired faxes are listed.
          FilterExpression: '#type = :faxType AND expiresAt > :at',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':pk': `ACCOUNT#${accountId}`, ':fax': 'FAX#', ':faxType': FAX_TYPE, ':at': at.toISOString() },
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
    return Item?.type === FAX_TYPE ? withoutKeys<Fax>(Item) : undefined;
  }

  async remove(fax: FaxRef): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: goneMarker(fax) }));
  }

  async refuse(fax: FaxRef): Promise<boolean> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: goneMarker(fax), ConditionExpression: 'attribute_not_exists(PK)' }));
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Taken: by the fax itself (delivered), or by a marker of an earlier refusal whose document
      // deletion may not have finished; only the first keeps the document.
      return (await this.get(fax.accountId, fax.faxId)) === undefined;
    }
  }

  async purge(accountId: string, faxId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: faxKey(accountId, faxId) }));
  }

  async expired(at: Date, limit: number): Promise<Fax[]> {
    const found: Fax[] = [];
    for (let back = SWEEP_LOOKBACK_MONTHS; back >= 0 && found.length < limit; back -= 1) {
      const month = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
      const { Items } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :month AND GSI1SK < :upper',
          ExpressionAttributeValues: { ':month': expiryMonthKey(month), ':upper': `${at.toISOString()}#~` },
          Limit: limit - found.length,
        }),
      );
      found.push(...(Items ?? []).map((item) => withoutKeys<Fax>(item)).filter((fax) => isExpired(fax, at)));
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

  async block(accountId: string, faxNumber: string, at: string): Promise<BlockedSender> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: blockedKey(accountId, faxNumber),
        UpdateExpression: 'SET #type = :type, faxNumber = :faxNumber, blockedAt = if_not_exists(blockedAt, :at)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'blocked_sender', ':faxNumber': faxNumber, ':at': at },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { faxNumber, blockedAt: Attributes?.blockedAt as string };
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
        sortKeyPattern: /^BLOCKED#\+[1-9]\d{6,14}$/,
      },
      page,
      (item) => ({ faxNumber: item.faxNumber as string, blockedAt: item.blockedAt as string }),
    );
  }

}
