import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, account, accountKey, givenStoredAccount } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler builds its account store when imported, from TABLE_NAME: set it, then load it.
process.env.TABLE_NAME = TABLE_NAME;
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-06-15T12:00:00.000Z';
const deleteMe = () => invoke(handler, httpEvent({ method: 'DELETE', path: '/me', claims: customerClaims(ACCOUNT_ID) }));

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  givenStoredAccount(ddb, account());
  ddb.on(UpdateCommand).resolves({});
});
afterEach(() => jest.restoreAllMocks());

describe('DELETE /me', () => {
  it('answers 202 deactivated, marking the account only if it is still active', async () => {
    // Act
    const reply = await deleteMe();

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ status: 'deactivated' });
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: TABLE_NAME,
      Key: accountKey(ACCOUNT_ID),
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: expect.objectContaining({ ':active': 'active', ':deactivated': 'deactivated', ':at': NOW }),
    });
  });

  it('answers 202 again to a repeated DELETE, whose condition no longer holds', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated' }));
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    // Act
    const reply = await deleteMe();

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ status: 'deactivated' });
  });

  it('answers 404 when the account is gone, without writing', async () => {
    // Prepare
    givenStoredAccount(ddb, undefined);

    // Act
    const reply = await deleteMe();

    // Assess
    expect(reply.status).toBe(404);
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });

  it('answers a 500 problem, not 202, when the write fails', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }));

    // Act
    const reply = await deleteMe();

    // Assess
    expect(reply.status).toBe(500);
    expect(reply.text).not.toContain('Service unavailable');
  });
});
