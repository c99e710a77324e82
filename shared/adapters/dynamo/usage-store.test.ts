import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { account, TABLE_NAME } from '../../../test/support/accounts';
import { conditionalCheckFailed, throttled } from '../../../test/support/aws';
import { documentClient } from './client';
import { DynamoUsageStore } from './usage-store';

const ddb = mockClient(DynamoDBDocumentClient);
// The real client (paginators check its class), its sends mocked.
const store = new DynamoUsageStore(documentClient, TABLE_NAME);
const AT = new Date('2026-12-02T12:00:00.000Z');

const counter = (accountId: string, faxes: number) => ({ PK: `ACCOUNT#${accountId}`, SK: 'USAGE#2026-11', type: 'usage_counter', month: '2026-11', faxes, GSI2SK: accountId });
const profile = (accountId: string, overrides: Record<string, unknown> = {}) => ({ PK: `ACCOUNT#${accountId}`, SK: 'PROFILE', ...account({ accountId, faxNumber: '+12125550100' }), ...overrides });

beforeEach(() => ddb.reset());

const collect = async (pages: AsyncIterable<unknown[]>) => {
  const all: unknown[] = [];
  for await (const page of pages) all.push(...page);
  return all;
};

describe('DynamoUsageStore.usageOf', () => {
  it('reads the month’s counters from every GSI2 shard (never the faxes), and each account as it stands', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':index': 'USAGE#2026-11#3', ':at': AT.toISOString() } }).resolves({
      Items: [counter('acc_a', 4), counter('acc_b', 1), counter('acc_c', 2), counter('acc_d', 5)],
    });
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        [TABLE_NAME]: [
          profile('acc_a'),
          profile('acc_b', { processing: { restricted: true, objectedToProfiling: false } }),
          profile('acc_c', { removal: 'erasure', processing: { restricted: false, objectedToProfiling: true } }),
        ],
      },
    });

    // Act
    const usage = await collect(store.usageOf('2026-11', AT));

    // Assess
    const queries = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries.map((query) => query.ExpressionAttributeValues?.[':index'])).toEqual(Array.from({ length: 16 }, (_, shard) => `USAGE#2026-11#${shard}`));
    expect(queries.every((query) => query.IndexName === 'GSI2' && query.FilterExpression === 'expiresAt > :at')).toBe(true);
    expect(ddb.commandCalls(BatchGetCommand)[0].args[0].input.RequestItems?.[TABLE_NAME].Keys).toEqual(['acc_a', 'acc_b', 'acc_c', 'acc_d'].map((id) => ({ PK: `ACCOUNT#${id}`, SK: 'PROFILE' })));
    const flags = { restricted: false, objectedToProfiling: false, beingRemoved: false };
    expect(usage).toEqual([
      { faxes: 4, account: { faxNumber: '+12125550100', ...flags } },
      { faxes: 1, account: { faxNumber: '+12125550100', ...flags, restricted: true } },
      { faxes: 2, account: { faxNumber: '+12125550100', ...flags, objectedToProfiling: true, beingRemoved: true } },
      { faxes: 5 },
    ]);
  });

  it('fails loudly when a read fails (the rollup stores nothing of that month)', async () => {
    // Prepare
    ddb.on(QueryCommand).rejects(throttled());

    // Act, Assess
    await expect(collect(store.usageOf('2026-11', AT))).rejects.toThrow('Rate of requests');
  });
});

describe('DynamoUsageStore rollups', () => {
  it('stores a month’s rollup only if the month has none: a stored rollup is never replaced', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionalCheckFailed());

    // Act
    await store.saveRollup({ month: '2026-11', cells: [{ key: '212', accounts: 10, faxes: 20 }] }, AT.toISOString());

    // Assess
    const update = ddb.commandCalls(UpdateCommand)[0].args[0].input;
    expect(update).toMatchObject({ Key: { PK: 'USAGEREPORT#MONTHS', SK: 'MONTH#2026-11' }, ConditionExpression: 'attribute_not_exists(PK)' });
    expect(update.ExpressionAttributeValues).toMatchObject({ ':type': 'usage_rollup', ':cells': [{ key: '212', accounts: 10, faxes: 20 }] });
  });

  it('reads the rollups oldest first, and the latest one by a reverse Query of one item', async () => {
    // Prepare
    ddb.on(QueryCommand, { ScanIndexForward: false }).resolves({ Items: [{ month: '2026-11' }] });
    ddb.on(QueryCommand, { ScanIndexForward: undefined }).resolves({ Items: [{ month: '2026-10', cells: [] }, { month: '2026-11', cells: [{ key: '212', accounts: 10, faxes: 20 }] }] });

    // Act
    const latest = await store.latestRollup();
    const rollups = await store.rollups();

    // Assess
    expect(latest).toBe('2026-11');
    expect(rollups).toEqual([
      { month: '2026-10', cells: [] },
      { month: '2026-11', cells: [{ key: '212', accounts: 10, faxes: 20 }] },
    ]);
  });
});
