import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand, type QueryCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { TABLE_NAME } from '../../test/support/accounts';
import { conditionalCheckFailed, throttled } from '../../test/support/aws';
import { pinClock } from '../../test/support/clock';
import { invokeJob } from '../../test/support/jobs';
import { numberItem, numberKey } from '../../test/support/numbers';

// The handler builds its store when imported, from TABLE_NAME: set it, then load it.
process.env.TABLE_NAME = TABLE_NAME;
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-12-01T12:00:00.000Z';
const PLENTY_OF_TIME_MS = 100_000;
/** Less than the 30 s a job keeps in hand: no new batch is started. */
const ALMOST_OUT_OF_TIME_MS = 20_000;

const numberOf = (n: number) => `+1555${String(n).padStart(7, '0')}`;
const quarantined = (n: number, quarantinedUntil: string) => numberItem(numberOf(n), 'quarantined', { quarantinedUntil });

/**
 * The table's numbers behind the mocked client: GSI2 queries answer the quarantined ones up to
 * the key condition's bound, in index order and within the Limit; the conditional update moves a
 * number whose quarantine ended, as DynamoDB would.
 */
const givenNumbers = (items: ReturnType<typeof numberItem>[]) => {
  const stored = new Map(items.map((item) => [item.faxNumber, { ...item } as Record<string, unknown>]));
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const { ':quarantined': partition, ':until': until } = input.ExpressionAttributeValues ?? {};
    const found = [...stored.values()]
      .filter((item) => item.GSI2PK === partition && String(item.GSI2SK) <= until)
      .sort((a, b) => String(a.GSI2SK).localeCompare(String(b.GSI2SK)))
      .slice(0, input.Limit);
    return { Items: found };
  });
  ddb.on(UpdateCommand).callsFake((input: UpdateCommandInput) => {
    const item = stored.get(String(input.Key?.PK).replace('NUMBER#', ''));
    const at = input.ExpressionAttributeValues?.[':at'];
    if (!item || item.status !== 'quarantined' || !(String(item.quarantinedUntil) <= at)) throw conditionalCheckFailed();
    const { quarantinedUntil: _until, ...rest } = item;
    stored.set(String(item.faxNumber), { ...rest, status: 'available', GSI2PK: 'NUMBERS#available', GSI2SK: item.faxNumber });
    return {};
  });
  return { statusOf: (n: number) => stored.get(numberOf(n))?.status };
};

const run = (remainingMs = PLENTY_OF_TIME_MS) => invokeJob(handler, remainingMs);

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  givenNumbers([]);
});
afterEach(() => jest.restoreAllMocks());

describe('number-quarantine', () => {
  it('makes available every number whose quarantine has ended, that instant included, and no other', async () => {
    // Prepare
    const table = givenNumbers([quarantined(1, '2026-09-01T00:00:00.000Z'), quarantined(2, NOW), quarantined(3, '2026-12-01T12:00:00.001Z')]);

    // Act
    const { summary } = await run();

    // Assess
    expect(summary).toEqual({ numbersReleased: 2, releasedAt: NOW });
    expect([1, 2, 3].map(table.statusOf)).toEqual(['available', 'available', 'quarantined']);
  });

  it('reads the quarantined numbers of GSI2 up to now, and moves each with an update conditional on its quarantine having ended', async () => {
    // Prepare
    givenNumbers([quarantined(1, '2026-09-01T00:00:00.000Z')]);

    // Act
    await run();

    // Assess
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: TABLE_NAME,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :quarantined AND GSI2SK <= :until',
      ExpressionAttributeValues: { ':quarantined': 'NUMBERS#quarantined', ':until': `${NOW}#~` },
    });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: TABLE_NAME,
      Key: numberKey(numberOf(1)),
      UpdateExpression: 'SET #status = :available, updatedAt = :at, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk REMOVE quarantinedUntil',
      ConditionExpression: '#status = :quarantined AND quarantinedUntil <= :at',
      ExpressionAttributeValues: {
        ':available': 'available',
        ':quarantined': 'quarantined',
        ':at': NOW,
        ':gsi2pk': 'NUMBERS#available',
        ':gsi2sk': numberOf(1),
      },
    });
  });

  it('counts only the numbers it moved: one the lagging index still lists, already moved, changes nothing', async () => {
    // Prepare: the index lists a number another run already made available.
    givenNumbers([quarantined(1, '2026-09-01T00:00:00.000Z'), quarantined(2, '2026-09-02T00:00:00.000Z')]);
    ddb.on(UpdateCommand, { Key: numberKey(numberOf(1)) }).rejects(conditionalCheckFailed());

    // Act
    const { summary } = await run();

    // Assess
    expect(summary.numbersReleased).toBe(1);
  });

  it('takes batches of 100 while time is left, until no ended quarantine remains', async () => {
    // Prepare
    const table = givenNumbers(Array.from({ length: 150 }, (_, i) => quarantined(i, '2026-10-01T00:00:00.000Z')));

    // Act
    const { summary } = await run();

    // Assess
    expect(summary.numbersReleased).toBe(150);
    expect(table.statusOf(149)).toBe('available');
  });

  it('stops taking batches when time runs out, leaving the rest for the next run', async () => {
    // Prepare
    givenNumbers(Array.from({ length: 150 }, (_, i) => quarantined(i, '2026-10-01T00:00:00.000Z')));

    // Act
    const { summary } = await run(ALMOST_OUT_OF_TIME_MS);

    // Assess
    expect(summary.numbersReleased).toBe(100);
  });

  it('fails the run (so the schedule retries) when DynamoDB refuses an update', async () => {
    // Prepare
    givenNumbers([quarantined(1, '2026-09-01T00:00:00.000Z')]);
    ddb.on(UpdateCommand).rejects(throttled());

    // Act
    const outcome = run();

    // Assess
    await expect(outcome).rejects.toThrow();
  });
});
