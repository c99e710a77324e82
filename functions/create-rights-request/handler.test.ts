import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, RIGHTS_QUEUE_URL, account, givenStoredAccount, useAccountsEnvironment } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// Deployed, no authorizer guards the route: the handler's own verifier reads the bearer token.
const VALID_TOKEN = 'valid.pool.token';
jest.mock('../../shared/adapters/cognito/id-tokens', () => ({
  idTokenVerifier: () => async (token: string) => (token === VALID_TOKEN ? customerClaims(ACCOUNT_ID) : undefined),
}));
useAccountsEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const NOW = '2026-06-15T12:00:00.000Z';
const post = (body: unknown, authorization?: string) =>
  invoke(handler, httpEvent({ method: 'POST', path: '/rights-requests', body, headers: authorization ? { authorization } : {} }));

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
  givenStoredAccount(ddb, account());
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(UpdateCommand).resolves({ Attributes: {} });
});

describe('POST /rights-requests', () => {
  it('takes a request from anyone: 202 pending, its code queued for the address, nothing secret logged', async () => {
    // Act
    const reply = await post({ type: 'access', email: 'bob@example.test', details: 'Line one\nLine two' });

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ requestId: expect.stringMatching(/^rrq_/), type: 'access', status: 'pending_verification', dueAt: '2026-07-15T12:00:00.000Z', requestToken: expect.any(String) });
    const message = JSON.parse(sqs.commandCalls(SendMessageCommand)[0].args[0].input.MessageBody!);
    expect(message).toMatchObject({ template: 'rights-request-code', to: 'bob@example.test', params: { code: expect.stringMatching(/^\d{6}$/) } });
    for (const secret of [message.params.code, reply.body.requestToken, 'Line one', 'bob@example.test']) expect(reply.logs).not.toContain(secret);
  });

  it('answers 429 when the email’s codes are used up, storing and sending nothing, with no email in the problem or the logs', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'limit', $metadata: {} }));

    // Act
    const reply = await post({ type: 'erasure', email: 'bob@example.test' });

    // Assess
    expect(reply.status).toBe(429);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ status: 429, title: 'Too many requests' });
    const limits = ddb.commandCalls(UpdateCommand).map((call) => String(call.args[0].input.Key?.PK));
    expect(limits.length).toBeGreaterThan(0);
    for (const key of limits) expect(key).toMatch(/^THROTTLE#rights-codes#live#/);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    for (const shown of [JSON.stringify(reply.body), reply.logs, ...limits]) expect(shown).not.toContain('bob@example.test');
  });

  it('verifies at once the request of the bearer of a valid token for their own email, checking the token itself', async () => {
    // Act
    const reply = await post({ type: 'erasure', email: 'ana@acme.test' }, `Bearer ${VALID_TOKEN}`);

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ requestId: expect.any(String), type: 'erasure', status: 'verified', dueAt: '2026-07-15T12:00:00.000Z' });
    const [request, ...entries] = ddb.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems!;
    expect(request.Put?.Item).toMatchObject({ status: 'verified', accountId: ACCOUNT_ID, GSI2PK: 'RIGHTS#verified' });
    expect(entries.map((entry) => [entry.Put?.Item?.action, entry.Put?.Item?.actor])).toEqual([
      ['received', { kind: 'customer', accountId: ACCOUNT_ID }],
      ['verified', { kind: 'customer', accountId: ACCOUNT_ID }],
    ]);
    // No code emailed: the request goes straight to fulfilment.
    expect(sqs.commandCalls(SendMessageCommand).map((call) => [call.args[0].input.QueueUrl, JSON.parse(call.args[0].input.MessageBody!)])).toEqual([
      [RIGHTS_QUEUE_URL, { type: 'rights-request.verified', version: 1, requestId: reply.body.requestId }],
    ]);
  });

  it('answers 401 to a token its verifier refuses, storing and sending nothing', async () => {
    // Act
    const reply = await post({ type: 'access', email: 'ana@acme.test' }, 'Bearer forged.pool.token');

    // Assess
    expect(reply.status).toBe(401);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });
});
