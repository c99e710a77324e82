import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, useAccountsEnvironment } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// Deployed, no authorizer guards the route: the handler's own verifier reads the bearer token.
const VALID_TOKEN = 'valid.pool.token';
jest.mock('../../shared/adapters/cognito/id-tokens', () => ({
  idTokenVerifier: () => async (token: string) => (token === VALID_TOKEN ? customerClaims(ACCOUNT_ID) : undefined),
}));
useAccountsEnvironment();
process.env.ADMIN_EMAIL = 'admin@example.test';
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const SENDER = '+15559870000';
const post = (body: unknown, authorization?: string) =>
  invoke(handler, httpEvent({ method: 'POST', path: '/junk-fax-reports', body, headers: authorization ? { authorization } : {} }));
const throttleUpdates = () => ddb.commandCalls(UpdateCommand).filter((call) => String(call.args[0].input.Key?.PK).startsWith('THROTTLE#'));

beforeEach(() => {
  pinClock('2026-06-01T09:30:00.000Z');
  ddb.reset();
  sqs.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(UpdateCommand).resolves({ Attributes: {} });
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(BatchGetCommand).resolves({ Responses: {} });
  ddb.on(QueryCommand).resolves({ Items: [] });
});

describe('POST /junk-fax-reports', () => {
  it('takes an anonymous report (202), throttled under a digest of the source address in the current hour, logging no number', async () => {
    // Act
    const reply = await post({ senderFaxNumber: SENDER, description: 'Cruise offers' });

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ reportId: expect.stringMatching(/^jfr_/) });
    const [throttle] = throttleUpdates().map((call) => call.args[0].input);
    expect(throttle).toMatchObject({ TableName: TABLE_NAME, Key: { SK: 'WINDOW#2026-06-01T09:00:00.000Z' }, ExpressionAttributeValues: { ':limit': 10 } });
    expect(String(throttle.Key?.PK)).not.toContain('192.0.2.1');
    expect(reply.logs).not.toContain(SENDER);
    expect(reply.logs).not.toContain('Cruise offers');
  });

  it('answers 429 when the reporter’s hour is used up, filing nothing', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'limit', $metadata: {} }));

    // Act
    const reply = await post({ senderFaxNumber: SENDER, reporterEmail: 'busy@example.test' });

    // Assess
    expect(reply.status).toBe(429);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(JSON.stringify(reply.body)).not.toContain('busy@example.test');
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 401 to a token its verifier refuses, reading and writing nothing', async () => {
    // Act
    const reply = await post({ senderFaxNumber: SENDER }, 'Bearer forged.pool.token');

    // Assess
    expect(reply.status).toBe(401);
    expect(ddb).not.toHaveReceivedAnyCommand();
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });
});
