import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID } from '../../../test/support/accounts';
import { givenFakeTable, type FakeTable } from '../../../test/support/fake-table';
import { faxItem, goneItem, storedFax } from '../../../test/support/faxes';
import type { Fax } from '../../faxes/fax';
import { DynamoInbox } from './fax-stores';

// The inbox's items and conditions together, on an in-memory table that keeps DynamoDB's rules.
const ddb = mockClient(DynamoDBDocumentClient);
const inbox = new DynamoInbox(ddb as unknown as DynamoDBDocumentClient, 'fax-backend-unit');
const AT = new Date('2026-12-01T12:00:00.000Z');

/** Fax n; a larger n is a newer ULID, listed first. */
const faxOf = (n: number): Fax => {
  const faxId = `fax_01KB${String(n).padStart(22, '0')}`;
  return storedFax({ faxId, documentKey: `faxes/${faxId}` });
};
const queries = () => ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
const storedFaxIds = (table: FakeTable) => table.items().filter((item) => item.type === 'fax').map((item) => item.faxId);

/** The account the faxes are for: active, taking new data. */
const ACCOUNT = { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'PROFILE', type: 'account', accountId: ACCOUNT_ID, status: 'active' };

let table: FakeTable;
beforeEach(() => {
  ddb.reset();
  table = givenFakeTable(ddb);
  table.put(ACCOUNT);
});
/** The inbox's own items: the account's profile and its usage counters aside. */
const inboxItems = () => table.items().filter((item) => item.type !== 'account' && item.type !== 'usage_counter');
/** The account's usage counters: month and count. */
const usageCounters = () => table.items().filter((item) => item.type === 'usage_counter').map(({ SK, faxes }) => ({ SK, faxes }));

describe('DynamoInbox: deletion markers cost a listing nothing', () => {
  it('lists a page in one Query however many faxes the customer deleted', async () => {
    // Prepare: three old faxes kept, the 2,000 newer ones deleted (listed first if they were in range).
    const kept = [1, 2, 3].map(faxOf);
    const deleted = Array.from({ length: 2_000 }, (_, i) => faxOf(i + 4));
    for (const fax of [...kept, ...deleted]) await inbox.save(fax);
    for (const fax of deleted) await inbox.remove(fax);
    ddb.resetHistory();

    // Act
    const page = await inbox.list(ACCOUNT_ID, { limit: 25, at: AT });

    // Assess
    expect(page).toEqual({ items: [kept[2], kept[1], kept[0]] });
    expect(queries()).toHaveLength(1);
  });

  it('leaves a marker that holds nothing personal, outside the key range the listing reads', async () => {
    // Prepare
    const fax = faxOf(1);
    await inbox.save(fax);

    // Act
    await inbox.remove(fax);

    // Assess
    expect(inboxItems()).toEqual([goneItem(fax)]);
    await inbox.list(ACCOUNT_ID, { limit: 25, at: AT });
    const [{ KeyConditionExpression, ExpressionAttributeValues }] = queries();
    expect(KeyConditionExpression).toBe('PK = :pk AND begins_with(SK, :fax)');
    expect(goneItem(fax).SK.startsWith(ExpressionAttributeValues?.[':fax'])).toBe(false);
  });
});

describe('DynamoInbox: a redelivered message never brings a fax back', () => {
  it('stores a fax once: saving it again changes nothing', async () => {
    // Prepare
    const fax = faxOf(1);
    await inbox.save(fax);

    // Act
    await inbox.save({ ...fax, pages: 99 });

    // Assess
    expect(inboxItems()).toEqual([faxItem(fax)]);
  });

  it('never stores a fax again once the customer deleted it', async () => {
    // Prepare
    const fax = faxOf(1);
    await inbox.save(fax);
    await inbox.remove(fax);

    // Act
    await inbox.save(fax);

    // Assess
    expect(await inbox.get(ACCOUNT_ID, fax.faxId)).toBeUndefined();
    expect(inboxItems()).toEqual([goneItem(fax)]);
  });

  it('never stores a fax that was refused', async () => {
    // Prepare
    const fax = faxOf(1);
    expect(await inbox.refuse(fax)).toBe(true);

    // Act
    await inbox.save(fax);

    // Assess
    expect(await inbox.get(ACCOUNT_ID, fax.faxId)).toBeUndefined();
    expect(inboxItems()).toEqual([goneItem(fax)]);
  });

  it('does not refuse a fax already in the inbox (an earlier copy of the message delivered it): it stays', async () => {
    // Prepare
    const fax = faxOf(1);
    await inbox.save(fax);

    // Act
    const refused = await inbox.refuse(fax);

    // Assess
    expect(refused).toBe(false);
    expect(inboxItems()).toEqual([faxItem(fax)]);
  });

  it('refuses a fax again (so its document is deleted again) when an earlier refusal may not have finished', async () => {
    // Prepare
    const fax = faxOf(1);
    await inbox.refuse(fax);

    // Act
    const again = await inbox.refuse(fax);

    // Assess
    expect(again).toBe(true);
    expect(inboxItems()).toEqual([goneItem(fax)]);
  });

  it.each([
    ['the save first', ['save', 'refuse'], { refused: false, stored: [faxOf(1).faxId] }],
    ['the refusal first', ['refuse', 'save'], { refused: true, stored: [] }],
  ] as const)('settles a save and a refusal of one fax whole, whichever comes first (%s)', async (_case, order, outcome) => {
    // Prepare
    const fax = faxOf(1);
    const steps = { save: () => inbox.save(fax), refuse: () => inbox.refuse(fax) };

    // Act
    const [first, second] = await Promise.all(order.map((step) => steps[step]()));

    // Assess
    expect(order[0] === 'refuse' ? first : second).toBe(outcome.refused);
    expect(storedFaxIds(table)).toEqual(outcome.stored);
  });
});

describe('DynamoInbox: an account that takes no new data', () => {
  it.each([
    ['being erased', { removal: 'erasure' }],
    ['deactivated', { status: 'deactivated' }],
  ])('stores nothing for an account %s, and says so', async (_case, change) => {
    // Prepare
    table.put({ ...ACCOUNT, ...change });
    const fax = faxOf(1);

    // Act
    const saved = await inbox.save(fax);

    // Assess
    expect(saved).toBe(false);
    expect(storedFaxIds(table)).toEqual([]);
  });

  it('answers true for a fax saved, and for one saved before (a redelivery)', async () => {
    // Prepare
    const fax = faxOf(1);

    // Act
    const first = await inbox.save(fax);
    const again = await inbox.save(fax);

    // Assess
    expect([first, again]).toEqual([true, true]);
    expect(storedFaxIds(table)).toEqual([fax.faxId]);
  });
});

describe('DynamoInbox: the expiry index', () => {
  it('spreads the faxes expiring in one month over ten GSI1 partitions, each fax always in the same one', async () => {
    // Prepare
    const faxes = Array.from({ length: 300 }, (_, i) => faxOf(i + 1));

    // Act
    for (const fax of faxes) await inbox.save(fax);

    // Assess
    const partitions = inboxItems().map((item) => item.GSI1PK);
    expect(new Set(partitions)).toEqual(new Set(Array.from({ length: 10 }, (_, shard) => `FAXEXPIRY#2027-01#${shard}`)));
    const largest = Math.max(...[...new Set(partitions)].map((key) => partitions.filter((partition) => partition === key).length));
    expect(largest).toBeLessThan(2 * (300 / 10));
    // The shard comes from the faxId alone: the same on every save, in every release.
    expect(inboxItems().find((item) => item.faxId === faxOf(1).faxId)?.GSI1PK).toBe('FAXEXPIRY#2027-01#8');
  });
});

describe('DynamoInbox: the usage counter of the month, exactly once', () => {
  it('counts each fax saved in the month it was accepted, in its account\'s counter, indexed for the rollup', async () => {
    // Act
    await inbox.save({ ...faxOf(1), acceptedAt: '2026-11-30T23:59:59.999Z' });
    await inbox.save({ ...faxOf(2), acceptedAt: '2026-12-01T00:00:00.000Z' });
    await inbox.save({ ...faxOf(3), acceptedAt: '2026-12-02T08:00:00.000Z' });

    // Assess
    expect(usageCounters()).toEqual([
      { SK: 'USAGE#2026-11', faxes: 1 },
      { SK: 'USAGE#2026-12', faxes: 2 },
    ]);
    const counter = table.items().find((item) => item.SK === 'USAGE#2026-12');
    expect(counter).toMatchObject({ PK: `ACCOUNT#${ACCOUNT_ID}`, month: '2026-12', GSI2SK: ACCOUNT_ID, expiresAt: '2027-04-04T00:00:00.000Z' });
    expect(counter?.GSI2PK).toMatch(/^USAGE#2026-12#([0-9]|1[0-5])$/);
  });

  it.each([
    ['delivered again', async (fax: Fax) => void (await inbox.save(fax))],
    ['deleted, then delivered again', async (fax: Fax) => void (await inbox.remove(fax), await inbox.save(fax))],
  ])('counts a fax once however often its message comes (%s)', async (_case, again) => {
    // Prepare
    const fax = faxOf(1);
    await inbox.save(fax);

    // Act
    await again(fax);

    // Assess
    expect(usageCounters()).toEqual([{ SK: `USAGE#${fax.acceptedAt.slice(0, 7)}`, faxes: 1 }]);
  });

  it('counts nothing for a fax refused, or for an account being erased', async () => {
    // Prepare
    await inbox.refuse(faxOf(1));
    table.put({ ...ACCOUNT, removal: 'erasure' });

    // Act
    await inbox.save(faxOf(1));
    await inbox.save(faxOf(2));

    // Assess
    expect(usageCounters()).toEqual([]);
  });
});
