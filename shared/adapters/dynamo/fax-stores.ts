import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { UPLOAD_LIFETIME_MS, isExpired, type Fax } from '../../faxes/fax';
import type { BlockList, BlockedSender, FaxPage, FaxRef, GatewayReceipt, Inbox, ReceiptStore, Recipients, Upload, UploadStore } from '../../faxes/ports';
import { accountKey } from './account-store';
import type { Page, PageRequest } from '../../pages';
import { E164_SOURCE } from '../../e164';
import { queryPage } from './paging';
import { transactWrite } from './transactions';

// Keys of the single table (see DATA-MODEL.md).
const deliveryKey = (webhookId: string) => ({ PK: `DELIVERY#${webhookId}`, SK: 'RECEIPT' });
// Gateways share one signing secret, so an event id is scoped by the number faxed: a gateway's
// retry has the same `to`, and two gateways' ids collide only for the same number.
const gatewayEventKey = (to: string, eventId: string) => ({ PK: `GATEWAYEVENT#${to}#${eventId}`, SK: 'RECEIPT' });
const uploadKey = (uploadId: string) => ({ PK: `UPLOAD#${uploadId}`, SK: 'UPLOAD' });
const faxKey = (accountId: string, faxId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `FAX#${faxId}` });
const blockedKey = (accountId: string, faxNumber: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `BLOCKED#${faxNumber}` });
const faxNumberClaimKey = (faxNumber: string) => ({ PK: `FAXNUMBER#${faxNumber}`, SK: 'CLAIM' });
const expiryMonthKey = (month: string) => `FAXEXPIRY#${month}`;

/** Gateways retry for days; a repeat within this window is recognised. */
const RECEIPT_TTL_SECONDS = 7 * 24 * 60 * 60;

/** How far back the sweep looks for expiry months that TTL has not cleared. */
const SWEEP_LOOKBACK_MONTHS = 3;

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const withoutKeys = <T>(item: Record<string, unknown>): T => {
  const { PK: _pk, SK: _sk, GSI1PK: _g1pk, GSI1SK: _g1sk, type: _type, expiresAtEpoch: _ttl, ...rest } = item;
  return rest as T;
};

export class DynamoReceiptStore implements ReceiptStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(webhookId: string, to: string, gatewayEventId: string): Promise<GatewayReceipt | undefined> {
    const { Responses } = await this.client.send(
      new BatchGetCommand({
        RequestItems: { [this.tableName]: { Keys: [deliveryKey(webhookId), gatewayEventKey(to, gatewayEventId)], ConsistentRead: true } },
      }),
    );
    const [item] = Responses?.[this.tableName] ?? [];
    return item ? withoutKeys<GatewayReceipt>(item) : undefined;
  }

  async record(receipt: GatewayReceipt): Promise<{ receipt: GatewayReceipt; created: boolean }> {
    const expiresAtEpoch = epochSeconds(receipt.message.acceptedAt) + RECEIPT_TTL_SECONDS;
    const put = (key: Record<string, string>) => ({
      Put: { TableName: this.tableName, Item: { ...key, type: 'gateway_receipt', ...receipt, expiresAtEpoch }, ConditionExpression: 'attribute_not_exists(PK)' },
    });
    const eventKey = gatewayEventKey(receipt.message.to, receipt.gatewayEventId);
    const failed = await transactWrite(this.client, { TransactItems: [put(deliveryKey(receipt.webhookId)), put(eventKey)] });
    if (failed.length === 0) return { receipt, created: true };
    const winner = await this.find(receipt.webhookId, receipt.message.to, receipt.gatewayEventId);
    if (!winner) throw new Error('receipt condition failed but no receipt found');
    return { receipt: winner, created: false };
  }

  async markEnqueued(receipt: GatewayReceipt): Promise<void> {
    await Promise.all(
      [deliveryKey(receipt.webhookId), gatewayEventKey(receipt.message.to, receipt.gatewayEventId)].map((Key) =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: 'SET enqueued = :yes',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':yes': true },
          }),
        ).catch((error: unknown) => {
          // A receipt recorded under one key only (the other key belonged to an earlier delivery).
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }),
      ),
    );
  }
}

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

export class DynamoUploadStore implements UploadStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(upload: Upload): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...uploadKey(upload.uploadId), type: 'upload', ...upload, expiresAtEpoch: epochSeconds(upload.createdAt) + UPLOAD_LIFETIME_MS / 1000 },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async get(uploadId: string): Promise<Upload | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: uploadKey(uploadId), ConsistentRead: true }));
    return Item ? withoutKeys<Upload>(Item) : undefined;
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
        sortKeyPattern: new RegExp(`^BLOCKED#${E164_SOURCE}$`),
      },
      page,
      (item) => ({ faxNumber: item.faxNumber as string, blockedAt: item.blockedAt as string }),
    );
  }

}
