import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountItemRef, AccountPartitions, ErasureReceipts, PersonRequests } from '../../rights/erasure-ports';
import { deleteByKeys } from './batch-write';
import { updateIf } from './conditional';

// Keys of the single table (see DATA-MODEL.md).
const accountPartition = (accountId: string) => `ACCOUNT#${accountId}`;
const receiptKey = (requestId: string) => ({ PK: `ERASURE#${requestId}`, SK: 'RECEIPT' });
const rightsRequestKey = (requestId: string) => ({ PK: `RIGHTS#${requestId}`, SK: 'REQUEST' });

// Cursors are the last key read, opaque to the use case; they never leave the function.
const encode = (key: Record<string, unknown> | undefined) => (key ? JSON.stringify(key) : undefined);
const decode = (cursor: string | undefined) => (cursor === undefined ? undefined : (JSON.parse(cursor) as Record<string, unknown>));

/** An account's partition read for its erasure: keys, kind and the document named, nothing else (no personal field is read). */
export class DynamoAccountPartitions implements AccountPartitions {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async page(accountId: string, limit: number, cursor?: string) {
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': accountPartition(accountId) },
        ProjectionExpression: 'PK, SK, #type, documentKey',
        ExpressionAttributeNames: { '#type': 'type' },
        ConsistentRead: true,
        Limit: limit,
        ExclusiveStartKey: decode(cursor),
      }),
    );
    const items: AccountItemRef[] = Items.filter((item) => item.SK !== 'PROFILE').map((item) => ({
      key: { PK: item.PK as string, SK: item.SK as string },
      kind: item.type as string,
      ...(typeof item.documentKey === 'string' ? { documentKey: item.documentKey } : {}),
    }));
    return { items, ...(LastEvaluatedKey ? { cursor: encode(LastEvaluatedKey) } : {}) };
  }

  deleteAll(items: readonly AccountItemRef[]) {
    return deleteByKeys(this.client, this.tableName, items.map(({ key }) => key));
  }
}

/**
 * A person's rights requests, by GSI1 `PERSON#<emailHash>` and `RIGHTS#…` (the same partition also
 * lists the junk-fax reports they filed, under `REPORT#…`); anonymising one drops it from that listing.
 */
export class DynamoPersonRequests implements PersonRequests {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async page(emailHash: string, cursor?: string) {
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :person AND begins_with(GSI1SK, :rights)',
        ExpressionAttributeValues: { ':person': `PERSON#${emailHash}`, ':rights': 'RIGHTS#' },
        ExclusiveStartKey: decode(cursor),
      }),
    );
    return { requestIds: Items.map((item) => item.requestId as string), ...(LastEvaluatedKey ? { cursor: encode(LastEvaluatedKey) } : {}) };
  }

  async anonymise(requestId: string, fields: readonly string[]) {
    const names = Object.fromEntries(fields.map((field, index) => [`#f${index}`, field]));
    const anonymised = await updateIf(this.client, {
      TableName: this.tableName,
      Key: rightsRequestKey(requestId),
      UpdateExpression: `REMOVE ${Object.keys(names).join(', ')}`,
      // Its email is what an earlier run removed first of all (one update removes them all).
      ConditionExpression: 'attribute_exists(email)',
      ExpressionAttributeNames: names,
    });
    return anonymised !== false;
  }
}

/** Erasure receipts: `ERASURE#<requestId>` / `RECEIPT`: the request's id, when, and counts per kind added as each step ends. */
export class DynamoErasureReceipts implements ErasureReceipts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // One update: each kind's count is an attribute of its own (`items.fax`, `objects.faxes`, …), added to.
  async tally(requestId: string, at: string, counts: Readonly<Record<string, number>>) {
    const kinds = Object.entries(counts);
    await this.client.send(
      new UpdateCommand({
      TableName: this.tableName,
      Key: receiptKey(requestId),
      UpdateExpression: `SET #type = :type, requestId = :id, erasedAt = :at${kinds.length > 0 ? ` ADD ${kinds.map((_, index) => `#k${index} :k${index}`).join(', ')}` : ''}`,
      ExpressionAttributeNames: { '#type': 'type', ...Object.fromEntries(kinds.map(([kind], index) => [`#k${index}`, kind])) },
      ExpressionAttributeValues: { ':type': 'erasure_receipt', ':id': requestId, ':at': at, ...Object.fromEntries(kinds.map(([, count], index) => [`:k${index}`, count])) },
      }),
    );
  }
}
