import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { AdminDisableUserCommand, AdminUserGlobalSignOutCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, USER_POOL_ID, account, accountKey, givenStoredAccount, useAccountsEnvironment } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler builds its account store and login directory when imported: set their bindings, then load it.
useAccountsEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const cognito = mockClient(CognitoIdentityProviderClient);
const NOW = '2026-06-15T12:00:00.000Z';
const deleteMe = () => invoke(handler, httpEvent({ method: 'DELETE', path: '/me', claims: customerClaims(ACCOUNT_ID) }));

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  cognito.reset();
  givenStoredAccount(ddb, account());
  ddb.on(UpdateCommand).resolves({});
  cognito.on(AdminDisableUserCommand).resolves({});
  cognito.on(AdminUserGlobalSignOutCommand).resolves({});
});
afterEach(() => jest.restoreAllMocks());

describe('DELETE /me', () => {
  it('answers 202 deactivated, marking the account (by its owner) only if it is still active and not being removed', async () => {
    // Act
    const reply = await deleteMe();

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ status: 'deactivated' });
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: TABLE_NAME,
      Key: accountKey(ACCOUNT_ID),
      // Out of the policy notices' index with its status: a deactivated account is not contacted.
      UpdateExpression: expect.stringMatching(/ REMOVE GSI1PK, GSI1SK$/),
      ConditionExpression: '#status = :active AND attribute_not_exists(removal)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: expect.objectContaining({ ':active': 'active', ':deactivated': 'deactivated', ':at': NOW, ':by': 'customer' }),
    });
  });

  it('disables the login and signs it out everywhere before answering', async () => {
    // Act
    const reply = await deleteMe();

    // Assess
    expect(reply.status).toBe(202);
    expect(cognito).toHaveReceivedCommandWith(AdminDisableUserCommand, { UserPoolId: USER_POOL_ID, Username: ACCOUNT_ID });
    expect(cognito).toHaveReceivedCommandWith(AdminUserGlobalSignOutCommand, { UserPoolId: USER_POOL_ID, Username: ACCOUNT_ID });
  });

  it('answers 500 when the user pool fails, and a repeated DELETE disables the login then', async () => {
    // Prepare
    cognito.on(AdminDisableUserCommand).rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } }));

    // Act
    const first = await deleteMe();
    givenStoredAccount(ddb, account({ status: 'deactivated' }));
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    const retried = await deleteMe();

    // Assess
    expect(first.status).toBe(500);
    expect(retried.status).toBe(202);
    expect(cognito).toHaveReceivedCommandTimes(AdminDisableUserCommand, 2);
    expect(cognito).toHaveReceivedCommandTimes(AdminUserGlobalSignOutCommand, 1);
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
