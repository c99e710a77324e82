import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, account, givenStoredAccount } from '../../test/support/accounts';
import { OTHER_ACCOUNT_ID, blockedKey, useFaxEnvironment } from '../../test/support/faxes';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler binds its stores when imported: set them, then load it.
useFaxEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);

const listBlocked = (accountId = ACCOUNT_ID, query?: Record<string, string>) =>
  invoke(handler, httpEvent({ method: 'GET', path: '/me/blocked-senders', claims: customerClaims(accountId), ...(query ? { query } : {}) }));
const blockedItem = (faxNumber: string, blockedAt: string) => ({ ...blockedKey(faxNumber), type: 'blocked_sender', faxNumber, blockedAt });

beforeEach(() => {
  ddb.reset();
  givenStoredAccount(ddb, account());
  ddb.on(QueryCommand).resolves({ Items: [] });
});

describe('GET /me/blocked-senders', () => {
  it("answers the caller's blocked senders, each with its number and when it was blocked", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [blockedItem('+15559870000', '2026-11-02T08:30:00.000Z'), blockedItem('+15559870001', '2026-11-03T09:00:00.000Z')] });

    // Act
    const reply = await listBlocked();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      items: [
        { faxNumber: '+15559870000', blockedAt: '2026-11-02T08:30:00.000Z' },
        { faxNumber: '+15559870001', blockedAt: '2026-11-03T09:00:00.000Z' },
      ],
    });
    expect(reply.text).not.toContain('ACCOUNT#');
  });

  it("queries only the caller's BLOCKED# items, whatever the request says", async () => {
    // Act
    await listBlocked(ACCOUNT_ID, { accountId: OTHER_ACCOUNT_ID });

    // Assess
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: TABLE_NAME,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :blocked)',
      ExpressionAttributeValues: { ':pk': `ACCOUNT#${ACCOUNT_ID}`, ':blocked': 'BLOCKED#' },
    });
  });

  it('pages a long block list with ?limit= and the nextCursor, as every list does', async () => {
    // Prepare: one sender past the page says another page follows.
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [blockedItem('+15559870000', '2026-11-02T08:30:00.000Z'), blockedItem('+15559870001', '2026-11-03T09:00:00.000Z')] })
      .resolves({ Items: [blockedItem('+15559870001', '2026-11-03T09:00:00.000Z')] });

    // Act
    const first = await listBlocked(ACCOUNT_ID, { limit: '1' });
    const second = await listBlocked(ACCOUNT_ID, { limit: '1', cursor: first.body.nextCursor });

    // Assess
    expect(first.body.items).toEqual([{ faxNumber: '+15559870000', blockedAt: '2026-11-02T08:30:00.000Z' }]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(ddb.commandCalls(QueryCommand)[0].args[0].input.Limit).toBe(2);
    expect(ddb.commandCalls(QueryCommand)[1].args[0].input.ExclusiveStartKey).toEqual(blockedKey('+15559870000', ACCOUNT_ID));
    expect(second.body).toEqual({ items: [{ faxNumber: '+15559870001', blockedAt: '2026-11-03T09:00:00.000Z' }] });
  });

  it.each(['0', '101', 'x'])('answers 400 to ?limit=%s, and to a cursor that is not one of ours', async (limit) => {
    expect((await listBlocked(ACCOUNT_ID, { limit })).status).toBe(400);
    expect((await listBlocked(ACCOUNT_ID, { cursor: 'bm9wZQ' })).status).toBe(400);
    expect(ddb).not.toHaveReceivedCommand(QueryCommand);
  });

  it('answers 403 to a deactivated account, reading no list', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated', deactivatedAt: '2026-11-30T00:00:00.000Z' }));

    // Act
    const reply = await listBlocked();

    // Assess
    expect(reply.status).toBe(403);
    expect(ddb).not.toHaveReceivedCommand(QueryCommand);
  });
});
