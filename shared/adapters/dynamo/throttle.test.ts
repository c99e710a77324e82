import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoThrottle } from './throttle';

const ddb = mockClient(DynamoDBDocumentClient);
const throttle = new DynamoThrottle(ddb as unknown as DynamoDBDocumentClient, 'fax-table', 'rights-codes');
const refused = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const updates = () => ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input);

beforeEach(() => ddb.reset());

describe('DynamoThrottle.take', () => {
  it('counts the request in its window item by one conditional update, kept two windows by TTL', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    const taken = await throttle.take('issued#digest', new Date('2026-06-15T00:00:00.000Z'), 10, 24 * 60 * 60 * 1000);

    // Assess
    expect(taken).toBe(true);
    expect(updates()).toEqual([
      expect.objectContaining({
        Key: { PK: 'THROTTLE#rights-codes#issued#digest', SK: 'WINDOW#2026-06-15T00:00:00.000Z' },
        ConditionExpression: 'attribute_not_exists(requests) OR requests < :limit',
        ExpressionAttributeValues: expect.objectContaining({ ':type': 'request_throttle', ':limit': 10, ':epoch': Date.parse('2026-06-17T00:00:00.000Z') / 1000 }),
      }),
    ]);
  });

  it('answers false when the window’s limit was reached, and fails loudly on any other error', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejectsOnce(refused()).rejectsOnce(new Error('throughput exceeded'));

    // Act
    const full = await throttle.take('k', new Date(0), 1, 1000);
    const failing = throttle.take('k', new Date(0), 1, 1000);

    // Assess
    expect(full).toBe(false);
    await expect(failing).rejects.toThrow('throughput exceeded');
  });
});

describe('DynamoThrottle.hold', () => {
  it('takes the first place free at the instant (never held, or its hold ended), until the given time', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejectsOnce(refused()).resolves({});

    // Act
    const held = await throttle.hold('live#digest', 3, '2026-06-15T12:00:00.000Z', '2026-06-15T12:15:00.000Z');

    // Assess
    expect(held).toBe(true);
    expect(updates().map(({ Key }) => Key?.SK)).toEqual(['HOLD#0', 'HOLD#1']);
    expect(updates()[1]).toMatchObject({
      Key: { PK: 'THROTTLE#rights-codes#live#digest' },
      ConditionExpression: 'attribute_not_exists(heldUntil) OR heldUntil <= :at',
      ExpressionAttributeValues: { ':type': 'throttle_hold', ':until': '2026-06-15T12:15:00.000Z', ':at': '2026-06-15T12:00:00.000Z', ':epoch': Date.parse('2026-06-15T12:15:00.000Z') / 1000 },
    });
  });

  it('answers false when every place is held', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(refused());

    // Act
    const held = await throttle.hold('live#digest', 3, '2026-06-15T12:00:00.000Z', '2026-06-15T12:15:00.000Z');

    // Assess
    expect(held).toBe(false);
    expect(updates()).toHaveLength(3);
  });
});
