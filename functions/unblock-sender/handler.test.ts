import 'aws-sdk-client-mock-jest';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, account, givenStoredAccount } from '../../test/support/accounts';
import { SENDER, blockedKey, useFaxEnvironment } from '../../test/support/faxes';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler binds its stores when imported: set them, then load it.
useFaxEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);

const unblockSender = (faxNumber: string, accountId = ACCOUNT_ID) =>
  invoke(
    handler,
    httpEvent({
      method: 'DELETE',
      path: `/me/blocked-senders/${encodeURIComponent(faxNumber)}`,
      routeKey: 'DELETE /me/blocked-senders/{faxNumber}',
      pathParameters: { faxNumber },
      claims: customerClaims(accountId),
    }),
  );

beforeEach(() => {
  ddb.reset();
  givenStoredAccount(ddb, account());
  ddb.on(DeleteCommand).resolves({});
});

describe('DELETE /me/blocked-senders/{faxNumber}', () => {
  it("answers 204 and deletes the block under the caller's account", async () => {
    // Act
    const reply = await unblockSender(SENDER);

    // Assess
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect(ddb).toHaveReceivedCommandTimes(DeleteCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(DeleteCommand, { TableName: TABLE_NAME, Key: blockedKey(SENDER, ACCOUNT_ID) });
  });

  it.each(['15559870000', '+1555', 'abc'])('answers 400 to the non-E.164 number %p, deleting nothing', async (faxNumber) => {
    // Act
    const reply = await unblockSender(faxNumber);

    // Assess
    expect(reply.status).toBe(400);
    expect(ddb).not.toHaveReceivedCommand(DeleteCommand);
  });

  it('answers 403 to a deactivated account, deleting nothing', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated', deactivatedAt: '2026-11-30T00:00:00.000Z' }));

    // Act
    const reply = await unblockSender(SENDER);

    // Assess
    expect(reply.status).toBe(403);
    expect(ddb).not.toHaveReceivedCommand(DeleteCommand);
  });
});
