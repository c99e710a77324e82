import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DELIVERY_MARKER_RETENTION_DAYS, type DeliveryClaim, type EmailDeliveries, type SuppressionList, type SuppressionReason } from '../../email/ports';

// Keys of the single table (see DATA-MODEL.md).
const deliveryMarkerKey = (messageId: string) => ({ PK: `EMAILSENT#${messageId}`, SK: 'DELIVERY' });
const suppressionKey = (addressKey: string) => ({ PK: `SUPPRESSED#${addressKey}`, SK: 'SUPPRESSION' });

/**
 * How long a message id is remembered: longer than any copy of its message can live (4 days on
 * the emails queue, then 14 in its dead-letter queue, from where it may be redriven).
 */
const DELIVERY_MARKER_TTL_SECONDS = DELIVERY_MARKER_RETENTION_DAYS * 24 * 3600;

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** The email delivery markers: `EMAILSENT#<messageId>`, `sending` (claimed) then `sent`; ids and times only. */
export class DynamoEmailDeliveries implements EmailDeliveries {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(messageId: string, claimId: string, at: Date, staleBefore: Date): Promise<DeliveryClaim> {
    const expiresAtEpoch = Math.floor(at.getTime() / 1000) + DELIVERY_MARKER_TTL_SECONDS;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryMarkerKey(messageId),
          UpdateExpression: 'SET #type = :type, #status = :sending, claimId = :claimId, claimedAt = :at, expiresAtEpoch = :ttl',
          ConditionExpression: 'attribute_not_exists(PK) OR (#status = :sending AND claimedAt < :staleBefore)',
          ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
          ExpressionAttributeValues: {
            ':type': 'email_delivery',
            ':sending': 'sending',
            ':claimId': claimId,
            ':at': at.toISOString(),
            ':ttl': expiresAtEpoch,
            ':staleBefore': staleBefore.toISOString(),
          },
        }),
      );
      return { outcome: 'claimed', claimId };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Refused: the marker is sent, or a fresh claim of another consumer.
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: deliveryMarkerKey(messageId), ConsistentRead: true }));
    if (Item?.status === 'sent') return { outcome: 'sent' };
    // A marker gone since the refusal (its TTL) counts as a claim already stale: retried at once.
    return { outcome: 'in_flight', claimedAt: typeof Item?.claimedAt === 'string' ? new Date(Item.claimedAt) : staleBefore };
  }

  async markSent(messageId: string, claimId: string, at: Date): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryMarkerKey(messageId),
          UpdateExpression: 'SET #status = :sent, sentAt = :at',
          ConditionExpression: 'claimId = :claimId',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':at': at.toISOString(), ':claimId': claimId },
        }),
      );
    } catch (error) {
      // Another consumer took the claim over after its lease: its own mark settles the marker.
      if (!isConditionFailure(error)) throw error;
    }
  }
}

/** The suppression list: `SUPPRESSED#<addressKey>`, kept for good; the reason and time, never the address. */
export class DynamoSuppressionList implements SuppressionList {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async reasonFor(addressKey: string): Promise<SuppressionReason | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: suppressionKey(addressKey), ConsistentRead: true }));
    return Item?.reason as SuppressionReason | undefined;
  }

  async suppress(addressKey: string, reason: SuppressionReason, at: Date): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...suppressionKey(addressKey), type: 'email_suppression', reason, suppressedAt: at.toISOString() },
          ...(reason === 'erasure'
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: 'attribute_not_exists(PK) OR #reason = :erasure',
                ExpressionAttributeNames: { '#reason': 'reason' },
                ExpressionAttributeValues: { ':erasure': 'erasure' },
              }),
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
