import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, account, givenStoredAccount } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { OTHER_ACCOUNT_ID, faxItem, faxKey, storedFax, useFaxEnvironment } from '../../test/support/faxes';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler binds its stores when imported: set them, then load it.
useFaxEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-12-01T12:00:00.000Z';

const faxIdOf = (n: number) => `fax_01KB00000000000000000000${String(n).padStart(2, '0')}`;
const itemOf = (n: number) => faxItem(storedFax({ faxId: faxIdOf(n), documentKey: `faxes/${faxIdOf(n)}` }));
const listFaxes = (query?: Record<string, string>, accountId = ACCOUNT_ID) =>
  invoke(handler, httpEvent({ method: 'GET', path: '/faxes', claims: customerClaims(accountId), ...(query ? { query } : {}) }));
const queries = () => ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  givenStoredAccount(ddb, account());
  ddb.on(QueryCommand).resolves({ Items: [] });
});
afterEach(() => jest.restoreAllMocks());

describe('GET /faxes', () => {
  it('answers the inbox items with exactly the fields of the contract', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [itemOf(2), itemOf(1)] });

    // Act
    const reply = await listFaxes();

    // Assess
    expect(reply.status).toBe(200);
    const view = (n: number) => ({
      faxId: faxIdOf(n),
      from: '+15559870000',
      to: '+15551230001',
      remoteStationId: 'ACME FAX',
      pages: 2,
      contentType: 'application/pdf',
      sizeBytes: 64,
      receivedAt: '2026-11-28T10:00:00Z',
      expiresAt: '2027-01-27T10:00:01.000Z',
    });
    expect(reply.body).toEqual({ items: [view(2), view(1)] });
    expect(reply.text).not.toMatch(/documentKey|ACCOUNT#|GSI1|expiresAtEpoch/);
  });

  it("queries the caller's faxes newest first, filtering out those expired at the clock's now", async () => {
    // Act
    await listFaxes();

    // Assess
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: TABLE_NAME,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :fax)',
      // The range holds faxes only: deletion markers sit outside it, under FAXGONE#.
      FilterExpression: 'expiresAt > :at',
      ExpressionAttributeValues: { ':pk': `ACCOUNT#${ACCOUNT_ID}`, ':fax': 'FAX#', ':at': NOW },
      ScanIndexForward: false,
      // One past the page, to know whether there is a next one.
      Limit: 26,
    });
  });

  it("always keys the query by the token's account, whatever the request says", async () => {
    // Act
    await listFaxes({ accountId: OTHER_ACCOUNT_ID, pk: `ACCOUNT#${OTHER_ACCOUNT_ID}` });

    // Assess
    expect(queries().map((input) => input.ExpressionAttributeValues?.[':pk'])).toEqual([`ACCOUNT#${ACCOUNT_ID}`]);
  });

  it.each([
    ['1', 1],
    ['100', 100],
  ])('takes ?limit=%s', async (limit, expected) => {
    // Act
    const reply = await listFaxes({ limit });

    // Assess
    expect(reply.status).toBe(200);
    expect(queries()[0].Limit).toBe(expected + 1);
  });

  it.each(['0', '101', 'abc', '-1', '2.5', '1e1', `${'0'.repeat(1_000)}1`])('answers 400 to ?limit=%s without querying', async (limit) => {
    // Act
    const reply = await listFaxes({ limit });

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'limit', message: expect.any(String) }]);
    expect(ddb).not.toHaveReceivedCommand(QueryCommand);
  });

  it('fills a page that expired faxes cut short with further queries', async () => {
    // Prepare
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [itemOf(9)], LastEvaluatedKey: faxKey(faxIdOf(7)) })
      .resolvesOnce({ Items: [itemOf(6), itemOf(5)] });

    // Act
    const reply = await listFaxes({ limit: '3' });

    // Assess
    expect(reply.body.items.map((item: { faxId: string }) => item.faxId)).toEqual([faxIdOf(9), faxIdOf(6), faxIdOf(5)]);
    expect(queries().map((input) => input.Limit)).toEqual([4, 3]);
    expect(queries()[1].ExclusiveStartKey).toEqual(faxKey(faxIdOf(7)));
    expect(reply.body).not.toHaveProperty('nextCursor');
  });

  it('answers no nextCursor on a last page that exactly fills the limit', async () => {
    // Prepare: DynamoDB hints at more, but nothing follows.
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [itemOf(9), itemOf(8)], LastEvaluatedKey: faxKey(faxIdOf(8)) })
      .resolves({ Items: [] });

    // Act
    const reply = await listFaxes({ limit: '2' });

    // Assess
    expect(reply.body.items).toHaveLength(2);
    expect(reply.body).not.toHaveProperty('nextCursor');
  });

  it('answers a nextCursor that continues, on the next request, exactly after the last fax', async () => {
    // Prepare
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [itemOf(9), itemOf(8), itemOf(7)], LastEvaluatedKey: faxKey(faxIdOf(7)) })
      .resolves({ Items: [itemOf(7)] });
    const first = await listFaxes({ limit: '2' });

    // Act
    const second = await listFaxes({ limit: '2', cursor: first.body.nextCursor });

    // Assess
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(first.body.nextCursor).not.toContain(ACCOUNT_ID);
    expect(second.status).toBe(200);
    expect(queries()[1].ExclusiveStartKey).toEqual(faxKey(faxIdOf(8), ACCOUNT_ID));
    expect(second.body).toEqual({ items: [expect.objectContaining({ faxId: faxIdOf(7) })] });
  });

  it('never continues in another account, whatever the cursor holds', async () => {
    // Prepare
    const cursor = cursorOf({ sk: `FAX#${faxIdOf(8)}`, pk: `ACCOUNT#${OTHER_ACCOUNT_ID}`, PK: `ACCOUNT#${OTHER_ACCOUNT_ID}` });

    // Act
    const reply = await listFaxes({ cursor });

    // Assess
    expect(reply.status).toBe(200);
    expect(queries()[0].ExclusiveStartKey).toEqual(faxKey(faxIdOf(8), ACCOUNT_ID));
    expect(queries()[0].ExpressionAttributeValues?.[':pk']).toBe(`ACCOUNT#${ACCOUNT_ID}`);
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor!'],
    ['JSON without a sort key', cursorOf({ page: 2 })],
    ['a sort key of another item type', cursorOf({ sk: 'PROFILE' })],
    ['a sort key of blocked senders', cursorOf({ sk: 'BLOCKED#+15559870000' })],
    ['a malformed fax sort key', cursorOf({ sk: 'FAX#fax_1' })],
    ['a sort key that is not a string', cursorOf({ sk: 42 })],
    ['a valid sort key padded to 10,000 characters', cursorOf({ sk: `FAX#${faxIdOf(1)}`, padding: 'x'.repeat(7_500) })],
    ['a cursor with a NUL', `${cursorOf({ sk: `FAX#${faxIdOf(1)}` })}\u0000`],
  ])('answers 400 to a tampered cursor (%s) without querying', async (_case, cursor) => {
    // Act
    const reply = await listFaxes({ cursor });

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    expect(ddb).not.toHaveReceivedCommand(QueryCommand);
  });

  it('answers a deactivated customer their inbox: they may retrieve what remains', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated', deactivatedAt: '2026-11-30T00:00:00.000Z' }));

    // Act
    const reply = await listFaxes();

    // Assess
    expect(reply.status).toBe(200);
    expect(ddb).toHaveReceivedCommand(QueryCommand);
  });

  it('answers 401 without a token', async () => {
    // Act
    const reply = await invoke(handler, httpEvent({ method: 'GET', path: '/faxes' }));

    // Assess
    expect(reply.status).toBe(401);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
