import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FaxAcceptedV1 } from '../../../events/fax-accepted';
import { UPLOAD_LIFETIME_MS } from '../../faxes/fax';
import type { GatewayReceipt, NewReceipt, ReceiptStore, RecordOutcome, Upload, UploadStore } from '../../faxes/ports';
import { RECEIPT_RETENTION_DAYS } from '../../faxes/receipts';
import { getByKeys } from './batch-get';
import { epochSeconds } from './fax-stores';
import { shardOf } from './shards';
import { transactWrite } from './transactions';

// What gateways leave in the single table (see DATA-MODEL.md): receipts of their deliveries, and
// the uploads they fill.
const deliveryKey = (webhookId: string) => ({ PK: `DELIVERY#${webhookId}`, SK: 'RECEIPT' });
// Gateways share one signing secret, so an event id is scoped: by the account the number faxed
// belongs to (resolved before the look-up), which names no phone number and cannot be guessed
// from one. A gateway's retry goes to the same account.
const gatewayEventKey = (accountId: string, eventId: string) => ({ PK: `GATEWAYEVENT#${accountId}#${eventId}`, SK: 'RECEIPT' });
const uploadKey = (uploadId: string) => ({ PK: `UPLOAD#${uploadId}`, SK: 'UPLOAD' });

/** Gateways retry for days; a repeat within this window is recognised. */
const RECEIPT_TTL_SECONDS = RECEIPT_RETENTION_DAYS * 24 * 60 * 60;

/**
 * A pending receipt is listed on GSI2 under one of this many partitions, by its fax id: every
 * ingest writes and removes an entry, which would make one partition the ingest's ceiling.
 */
const PENDING_SHARDS = 8;
const pendingShardKey = (shard: number) => `PENDINGFAX#${shard}`;

const receiptOf = (item: Record<string, unknown>): GatewayReceipt => {
  const pendingMessage = item.pendingMessage as FaxAcceptedV1 | undefined;
  return {
    webhookId: item.webhookId as string,
    gatewayEventId: item.gatewayEventId as string,
    accountId: item.accountId as string,
    faxId: item.faxId as string,
    fingerprint: item.fingerprint as string,
    requestId: item.requestId as string,
    ...(pendingMessage ? { pendingMessage } : {}),
  };
};

/**
 * Receipts under two keys: the delivery's (which alone holds the pending message, and its entry in
 * the re-drive's index) and the gateway event's (ids only, always).
 */
export class DynamoReceiptStore implements ReceiptStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(webhookId: string, accountId: string | undefined, gatewayEventId: string): Promise<GatewayReceipt | undefined> {
    const keys = accountId === undefined ? [deliveryKey(webhookId)] : [deliveryKey(webhookId), gatewayEventKey(accountId, gatewayEventId)];
    const [byDelivery, byEvent] = await getByKeys(this.client, this.tableName, keys);
    if (byDelivery) return receiptOf(byDelivery);
    if (!byEvent) return undefined;
    // The event's first delivery holds the message if it is still pending; TTL may have taken it
    // a little before the event's receipt, which then stands alone.
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: deliveryKey(byEvent.webhookId as string), ConsistentRead: true }),
    );
    return receiptOf(Item ?? byEvent);
  }

  async record(receipt: NewReceipt, uploadId?: string): Promise<RecordOutcome> {
    const { pendingMessage, ...ids } = receipt;
    const common = { type: 'gateway_receipt', ...ids, expiresAtEpoch: epochSeconds(pendingMessage.acceptedAt) + RECEIPT_TTL_SECONDS };
    const putNew = (Item: Record<string, unknown>) => ({ Put: { TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' } });
    const claimUpload = (id: string) => ({
      Update: {
        TableName: this.tableName,
        Key: uploadKey(id),
        UpdateExpression: 'SET faxId = :faxId',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(faxId)',
        ExpressionAttributeValues: { ':faxId': receipt.faxId },
      },
    });
    const failed = await transactWrite(this.client, {
      TransactItems: [
        putNew({
          ...deliveryKey(receipt.webhookId),
          ...common,
          pendingMessage,
          // acceptedAt is ours (toISOString: fixed width), so the text sorts as the instants do.
          GSI2PK: pendingShardKey(shardOf(receipt.faxId, PENDING_SHARDS)),
          GSI2SK: `${pendingMessage.acceptedAt}#${receipt.faxId}`,
        }),
        putNew({ ...gatewayEventKey(receipt.accountId, receipt.gatewayEventId), ...common }),
        ...(uploadId === undefined ? [] : [claimUpload(uploadId)]),
      ],
    });
    if (failed.length === 0) return { outcome: 'recorded' };
    // Items 0 and 1 are the receipts, 2 the upload's claim.
    if (failed.some((index) => index < 2)) {
      const winner = await this.find(receipt.webhookId, receipt.accountId, receipt.gatewayEventId);
      if (!winner) throw new Error('receipt condition failed but no receipt found');
      return { outcome: 'repeated', receipt: winner };
    }
    return { outcome: 'upload_taken' };
  }

  async markEnqueued(receipt: GatewayReceipt): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryKey(receipt.webhookId),
          UpdateExpression: 'REMOVE pendingMessage, GSI2PK, GSI2SK',
          ConditionExpression: 'attribute_exists(PK)',
        }),
      );
    } catch (error) {
      // Expired meanwhile: nothing is left to drop.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async pendingSince(before: Date, limit: number): Promise<NewReceipt[]> {
    const found: NewReceipt[] = [];
    for (let shard = 0; shard < PENDING_SHARDS && found.length < limit; shard += 1) {
      const { Items = [] } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :shard AND GSI2SK < :before',
          ExpressionAttributeValues: { ':shard': pendingShardKey(shard), ':before': before.toISOString() },
          Limit: limit - found.length,
        }),
      );
      // The index trails the table: an entry may outlive its message by a moment.
      found.push(...Items.map(receiptOf).filter((receipt): receipt is NewReceipt => receipt.pendingMessage !== undefined));
    }
    return found;
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
    if (!Item) return undefined;
    const { uploadId: id, contentType, sizeBytes, createdAt, expiresAt, faxId } = Item as Upload;
    return { uploadId: id, contentType, sizeBytes, createdAt, expiresAt, ...(faxId === undefined ? {} : { faxId }) };
  }
}
