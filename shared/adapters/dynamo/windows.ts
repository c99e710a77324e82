import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Throttle } from '../../throttles';
import { updateIf } from './conditional';
import { epochSeconds } from './fax-stores';

/**
 * A fixed-window request counter per key (`THROTTLE#<scope>#<key>`), one item per window, gone
 * with its TTL. Counting and refusing are one conditional update: concurrent requests never
 * count past the limit.
 */
export class DynamoThrottle implements Throttle {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly scope: string,
  ) {}

  async take(key: string, windowStart: Date, limit: number, windowMs: number): Promise<boolean> {
    const expires = new Date(windowStart.getTime() + 2 * windowMs);
    const counted = await updateIf(this.client, {
      TableName: this.tableName,
      Key: { PK: `THROTTLE#${this.scope}#${key}`, SK: `WINDOW#${windowStart.toISOString()}` },
      UpdateExpression: 'SET #type = :type, expiresAt = :expiresAt, expiresAtEpoch = :epoch ADD requests :one',
      ConditionExpression: 'attribute_not_exists(requests) OR requests < :limit',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': 'request_throttle', ':expiresAt': expires.toISOString(), ':epoch': epochSeconds(expires.toISOString()), ':one': 1, ':limit': limit },
    });
    return counted !== false;
  }
}
