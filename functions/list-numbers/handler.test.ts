import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME } from '../../test/support/accounts';
import { adminClaims, customerClaims, httpEvent, invoke } from '../../test/support/http';
import { ADDED_AT, numberItem, numberKey } from '../../test/support/numbers';

// The handler builds its store when imported, from TABLE_NAME: set it, then load it.
process.env.TABLE_NAME = TABLE_NAME;
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const UNTIL = '2027-02-01T00:00:00.000Z';

const numberOf = (n: number) => `+1555${String(n).padStart(7, '0')}`;
const listNumbers = (query: Record<string, string>, claims = adminClaims()) =>
  invoke(handler, httpEvent({ method: 'GET', path: '/admin/numbers', query, claims }));
const queries = () => ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
const cursorOf = (sk: unknown) => Buffer.from(JSON.stringify({ sk })).toString('base64url');

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
});

describe('GET /admin/numbers', () => {
  it.each(['available', 'assigned', 'quarantined'])('lists the %s numbers from their GSI2 partition, in index order', async (status) => {
    // Act
    const reply = await listNumbers({ status });

    // Assess
    expect(reply.status).toBe(200);
    expect(queries()).toEqual([
      {
        TableName: TABLE_NAME,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :status',
        ExpressionAttributeValues: { ':status': `NUMBERS#${status}` },
        Limit: 26,
      },
    ]);
  });

  it('answers each number with its status, when it was added, and its holder or the end of its quarantine', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [
        numberItem(numberOf(1), 'assigned', { accountId: ACCOUNT_ID }),
        numberItem(numberOf(2), 'quarantined', { quarantinedUntil: UNTIL }),
        numberItem(numberOf(3), 'available'),
      ],
    });

    // Act
    const reply = await listNumbers({ status: 'assigned' });

    // Assess
    expect(reply.body).toEqual({
      items: [
        { faxNumber: numberOf(1), status: 'assigned', addedAt: ADDED_AT, accountId: ACCOUNT_ID },
        { faxNumber: numberOf(2), status: 'quarantined', addedAt: ADDED_AT, quarantinedUntil: UNTIL },
        { faxNumber: numberOf(3), status: 'available', addedAt: ADDED_AT },
      ],
    });
  });

  it.each([
    ['available', numberItem(numberOf(2), 'available')],
    ['quarantined', numberItem(numberOf(2), 'quarantined', { quarantinedUntil: UNTIL })],
  ])('pages the %s numbers: the cursor holds the index sort key and continues after it, table key included', async (status, second) => {
    // Prepare
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [numberItem(numberOf(1), status as 'available'), second, numberItem(numberOf(3), 'available')] })
      .resolves({ Items: [] });
    const first = await listNumbers({ status, limit: '2' });

    // Act
    const next = await listNumbers({ status, limit: '2', cursor: first.body.nextCursor });

    // Assess
    expect(next.status).toBe(200);
    expect(JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString())).toEqual({ sk: second.GSI2SK });
    expect(queries()[1].ExclusiveStartKey).toEqual({ GSI2PK: `NUMBERS#${status}`, GSI2SK: second.GSI2SK, ...numberKey(numberOf(2)) });
  });

  it.each([
    ['no status', {}, 'status'],
    ['an unknown status', { status: 'erased' }, 'status'],
    ['a limit over 100', { status: 'available', limit: '101' }, 'limit'],
    ['a cursor of another item type', { status: 'available', cursor: cursorOf('FAX#fax_01KB00000000000000000000001') }, 'cursor'],
    ['a cursor of quarantined numbers for available ones', { status: 'available', cursor: cursorOf(`${UNTIL}#${numberOf(1)}`) }, 'cursor'],
    ['a cursor of available numbers for quarantined ones', { status: 'quarantined', cursor: cursorOf(numberOf(1)) }, 'cursor'],
  ])('answers 400 to %s, without querying', async (_case, query, path) => {
    // Act
    const reply = await listNumbers(query);

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path, message: expect.any(String) }]);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it.each([
    [401, 'no token', undefined],
    [403, "a customer's token", customerClaims(ACCOUNT_ID)],
  ])('answers %i to %s, reading nothing', async (status, _case, claims) => {
    // Act
    const reply = await invoke(handler, httpEvent({ method: 'GET', path: '/admin/numbers', query: { status: 'assigned' }, ...(claims ? { claims } : {}) }));

    // Assess
    expect(reply.status).toBe(status);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
