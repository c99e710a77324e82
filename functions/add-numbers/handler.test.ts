import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME } from '../../test/support/accounts';
import { throttled } from '../../test/support/aws';
import { pinClock } from '../../test/support/clock';
import { givenFakeTable, type FakeTable } from '../../test/support/fake-table';
import { adminClaims, customerClaims, httpEvent, invoke } from '../../test/support/http';
import { numberItem } from '../../test/support/numbers';

// The handler builds its store when imported, from TABLE_NAME: set it, then load it.
process.env.TABLE_NAME = TABLE_NAME;
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-12-01T12:00:00.000Z';

const numberOf = (n: number) => `+1555${String(n).padStart(7, '0')}`;
const addNumbers = (body: unknown, claims = adminClaims()) => invoke(handler, httpEvent({ method: 'POST', path: '/admin/numbers', body, claims }));
/** The puts of every transaction the store sent, in order. */
const puts = () => ddb.commandCalls(TransactWriteCommand).flatMap((call) => (call.args[0].input.TransactItems ?? []).map((item) => item.Put));

let table: FakeTable;
beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  table = givenFakeTable(ddb);
});
afterEach(() => jest.restoreAllMocks());

describe('POST /admin/numbers', () => {
  it('adds each new number as available, with a conditional put in one transaction, and counts it added', async () => {
    // Act
    const reply = await addNumbers({ numbers: [numberOf(1), numberOf(2)] });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ added: 2, alreadyPresent: 0 });
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(puts()).toEqual(
      [numberOf(1), numberOf(2)].map((faxNumber) => ({
        TableName: TABLE_NAME,
        Item: {
          PK: `NUMBER#${faxNumber}`,
          SK: 'NUMBER',
          GSI2PK: 'NUMBERS#available',
          GSI2SK: faxNumber,
          type: 'fax_number',
          faxNumber,
          status: 'available',
          addedAt: NOW,
          updatedAt: NOW,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      })),
    );
  });

  it('leaves a number already present unchanged, whatever its status, and counts it already present', async () => {
    // Prepare
    const held = numberItem(numberOf(1), 'assigned', { accountId: ACCOUNT_ID });
    const quarantined = numberItem(numberOf(2), 'quarantined', { quarantinedUntil: '2027-01-01T00:00:00.000Z' });
    table.put(held);
    table.put(quarantined);

    // Act
    const reply = await addNumbers({ numbers: [numberOf(1), numberOf(2), numberOf(3)] });

    // Assess: the transaction refused names the two present; the new one is written again alone.
    expect(reply.body).toEqual({ added: 1, alreadyPresent: 2 });
    expect(table.items()).toEqual(expect.arrayContaining([held, quarantined]));
    expect(table.items()).toHaveLength(3);
    expect(ddb.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems?.length)).toEqual([3, 1]);
  });

  it('counts a number listed twice once, writing it once', async () => {
    // Act
    const reply = await addNumbers({ numbers: [numberOf(1), numberOf(1), numberOf(2), numberOf(1)] });

    // Assess
    expect(reply.body).toEqual({ added: 2, alreadyPresent: 0 });
    expect(puts()).toHaveLength(2);
  });

  it('adds each number exactly once when two requests race over the same numbers', async () => {
    // Prepare
    const numbers = Array.from({ length: 60 }, (_, i) => numberOf(i));

    // Act
    const replies = await Promise.all([addNumbers({ numbers }), addNumbers({ numbers: [...numbers].reverse() })]);

    // Assess
    expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
    expect(replies[0].body.added + replies[1].body.added).toBe(60);
    expect(replies[0].body.alreadyPresent + replies[1].body.alreadyPresent).toBe(60);
    expect(table.items()).toHaveLength(60);
  });

  it('takes 1,000 numbers, even pretty-printed, within the body limit, in transactions of 100', async () => {
    // Prepare
    const numbers = Array.from({ length: 1_000 }, (_, i) => `+4420${String(i).padStart(10, '0')}`);

    // Act
    const reply = await addNumbers(JSON.stringify({ numbers }, null, 4));

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ added: 1_000, alreadyPresent: 0 });
    expect(ddb.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems?.length)).toEqual(Array(10).fill(100));
  });

  it.each<[string, unknown, string]>([
    ['1,001 numbers', { numbers: Array.from({ length: 1_001 }, (_, i) => numberOf(i)) }, 'numbers'],
    ['no numbers', { numbers: [] }, 'numbers'],
    ['a number that is not E.164', { numbers: [numberOf(1), '555-0100'] }, 'numbers.1'],
    ['a number without its +', { numbers: ['15551230001'] }, 'numbers.0'],
    ['a number that is not a string', { numbers: [15551230001] }, 'numbers.0'],
    ['an unknown field', { numbers: [numberOf(1)], status: 'assigned' }, '(body)'],
    ['no numbers field', {}, 'numbers'],
  ])('answers 400 to %s, writing nothing', async (_case, body, path) => {
    // Act
    const reply = await addNumbers(body);

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path, message: expect.any(String) }]);
    expect(reply.text).not.toContain('555-0100');
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it.each([
    [401, 'no token', undefined],
    [403, "a customer's token", customerClaims(ACCOUNT_ID)],
    [403, 'a token of another group', adminClaims('[support]')],
  ])('answers %i to %s, writing nothing', async (status, _case, claims) => {
    // Act
    const reply = await invoke(handler, httpEvent({ method: 'POST', path: '/admin/numbers', body: { numbers: [numberOf(1)] }, ...(claims ? { claims } : {}) }));

    // Assess
    expect(reply.status).toBe(status);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it('fails with a 500 when DynamoDB refuses the write (a retry of the request adds the rest)', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(throttled());

    // Act
    const reply = await addNumbers({ numbers: [numberOf(1)] });

    // Assess
    expect(reply.status).toBe(500);
    expect(reply.text).not.toMatch(/throughput|Rate of requests/);
  });
});
