import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, account, givenStoredAccount, transactionCanceled } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { SENDER, blockedKey, useFaxEnvironment } from '../../test/support/faxes';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler binds its stores when imported: set them, then load it.
useFaxEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-12-01T12:00:00.000Z';
const FIRST_BLOCKED_AT = '2026-11-02T08:30:00.000Z';

const blockSender = (faxNumber: string, accountId = ACCOUNT_ID) =>
  invoke(
    handler,
    httpEvent({
      method: 'PUT',
      path: `/me/blocked-senders/${encodeURIComponent(faxNumber)}`,
      routeKey: 'PUT /me/blocked-senders/{faxNumber}',
      pathParameters: { faxNumber },
      claims: customerClaims(accountId),
    }),
  );
/** The item as it stands once written, read back. */
const givenBlockedSince = (blockedAt: string) =>
  ddb.on(GetCommand, { Key: blockedKey(SENDER) }).resolves({ Item: { ...blockedKey(SENDER), type: 'blocked_sender', faxNumber: SENDER, blockedAt } });
const updates = () => ddb.commandCalls(TransactWriteCommand).flatMap((call) => call.args[0].input.TransactItems!.flatMap(({ Update }) => (Update ? [Update] : [])));

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  givenStoredAccount(ddb, account());
  givenBlockedSince(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('PUT /me/blocked-senders/{faxNumber}', () => {
  it("answers 200 with the blocked number and when it was blocked, stored under the caller's account", async () => {
    // Act
    const reply = await blockSender(SENDER);

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ faxNumber: SENDER, blockedAt: NOW });
    expect(updates()).toEqual([
      expect.objectContaining({ TableName: TABLE_NAME, Key: blockedKey(SENDER, ACCOUNT_ID), ExpressionAttributeValues: { ':type': 'blocked_sender', ':faxNumber': SENDER, ':at': NOW } }),
    ]);
  });

  it('writes nothing for an account whose erasure began after it was read: the write is conditional on the account, and the answer is 404', async () => {
    // Prepare: read active, then marked being erased before the write
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('None', 'ConditionalCheckFailed'));
    ddb
      .on(GetCommand, { Key: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'PROFILE' } })
      .resolvesOnce({ Item: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'PROFILE', type: 'account', ...account() } })
      .resolves({ Item: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'PROFILE', type: 'account', ...account({ removal: 'erasure' }) } });

    // Act
    const reply = await blockSender(SENDER);

    // Assess
    expect(reply.status).toBe(404);
    const [, accountCheck] = ddb.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems!;
    expect(accountCheck.ConditionCheck).toMatchObject({ Key: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'PROFILE' }, ConditionExpression: '#status = :active AND attribute_not_exists(removal)' });
  });

  it('is idempotent: blocking again keeps the first blockedAt (if_not_exists in the update)', async () => {
    // Prepare
    givenBlockedSince(FIRST_BLOCKED_AT);

    // Act
    const reply = await blockSender(SENDER);

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ faxNumber: SENDER, blockedAt: FIRST_BLOCKED_AT });
    const [update] = updates();
    expect(update.UpdateExpression).toContain('blockedAt = if_not_exists(blockedAt, :at)');
    expect(update.ConditionExpression).toBeUndefined();
  });

  it.each(['15559870000', '+05559870000', '+1555', '+1555987000012345', '+1 555 987 0000', 'abc', '+1555987000a'])(
    'answers 400 to the non-E.164 number %p, writing nothing',
    async (faxNumber) => {
      // Act
      const reply = await blockSender(faxNumber);

      // Assess
      expect(reply.status).toBe(400);
      expect(reply.body.errors).toEqual([{ path: 'faxNumber', message: expect.any(String) }]);
      expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    },
  );

  it('answers 403 to a deactivated account, writing nothing', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated', deactivatedAt: '2026-11-30T00:00:00.000Z' }));

    // Act
    const reply = await blockSender(SENDER);

    // Assess
    expect(reply.status).toBe(403);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});
