import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Throttle } from '../../throttle';
import { updateIf } from './conditional';
import { epochSeconds } from './fax-stores';

/**
 * The Throttle on DynamoDB (DATA-MODEL.md, "Throttles"), under `THROTTLE#<scope>#<key>`: one item
 * per window counting its requests, one item per place holding it until its hold ends; each gone
 * with its TTL, each taken by one conditional update.
 */
export class DynamoThrottle implements Throttle {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly scope: string,
  ) {}

  async take(key: string, windowStart: Date, limit: number, windowMs: number): Promise<boolean> {
    const expires = new Date(windowStart.getTime() + 2 * windowMs).toISOString();
    const counted = await updateIf(this.client, {
      TableName: this.tableName,
      Key: { PK: this.partition(key), SK: `WINDOW#${windowStart.toISOString()}` },
      UpdateExpression: 'SET #type = :type, expiresAt = :expiresAt, expiresAtEpoch = :epoch ADD requests :one',
      ConditionExpression: 'attribute_not_exists(requests) OR requests < :limit',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': 'request_throttle', ':expiresAt': expires, ':epoch': epochSeconds(expires), ':one': 1, ':limit': limit },
    });
    return counted !== false;
  }

  // Places are tried in order: each try is one conditional write, so racing takers never share one.
  async hold(key: string, capacity: number, at: string, until: string): Promise<boolean> {
    for (let place = 0; place < capacity; place += 1) {
      const held = await updateIf(this.client, {
        TableName: this.tableName,
        Key: { PK: this.partition(key), SK: `HOLD#${place}` },
        UpdateExpression: 'SET #type = :type, heldUntil = :until, expiresAt = :until, expiresAtEpoch = :epoch',
        ConditionExpression: 'attribute_not_exists(heldUntil) OR heldUntil <= :at',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'throttle_hold', ':until': until, ':epoch': epochSeconds(until), ':at': at },
      });
      if (held !== false) return true;
    }
    return false;
  }

  private partition(key: string) {
    return `THROTTLE#${this.scope}#${key}`;
  }
}
