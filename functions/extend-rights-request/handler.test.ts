import 'aws-sdk-client-mock-jest';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, transactionCanceled, transactItems, useAccountsEnvironment } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { adminClaims, customerClaims, httpEvent, invoke, type Claims } from '../../test/support/http';

useAccountsEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const NOW = '2026-07-01T09:00:00.000Z';
const REQUEST_ID = 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const KEY = { PK: `RIGHTS#${REQUEST_ID}`, SK: 'REQUEST' };
const REASON = 'Gathering the archived faxes takes longer.';
const stored = {
  ...KEY,
  type: 'rights_request',
  rightsType: 'portability',
  requestId: REQUEST_ID,
  status: 'verified',
  email: 'ana@acme.test',
  emailHash: 'h-ana',
  details: 'Everything, please.',
  createdAt: '2026-06-15T12:00:00.000Z',
  dueAt: '2026-07-15T12:00:00.000Z',
};

/** An admin's extension, unless `options` name another caller (`claims: undefined`: none). */
const extend = (body: unknown, options: { id?: string; claims?: Claims } = {}) => {
  const { id = REQUEST_ID } = options;
  const claims = 'claims' in options ? options.claims : adminClaims();
  return invoke(handler, httpEvent({ method: 'POST', path: `/admin/rights-requests/${id}/extend`, pathParameters: { id }, body, ...(claims ? { claims } : {}) }));
};

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  sqs.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(GetCommand, { Key: KEY }).resolves({ Item: stored });
  ddb.on(TransactWriteCommand).resolves({});
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
});
afterEach(() => jest.restoreAllMocks());

describe('POST /admin/rights-requests/{id}/extend', () => {
  it('extends the request by two months, audited as the calling admin’s, emails the requester and answers the admin view', async () => {
    // Act
    const reply = await extend({ reason: REASON });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      requestId: REQUEST_ID,
      type: 'portability',
      status: 'verified',
      createdAt: '2026-06-15T12:00:00.000Z',
      dueAt: '2026-09-15T12:00:00.000Z',
      overdue: false,
      extendedAt: NOW,
      extensionReason: REASON,
    });
    const [update, audit] = transactItems(ddb);
    expect(update.Update.ExpressionAttributeValues).toMatchObject({ ':dueAt': '2026-09-15T12:00:00.000Z', ':reason': REASON });
    expect(audit.Put.Item).toMatchObject({ action: 'extended', actor: { kind: 'admin', adminId: adminClaims().sub }, reason: REASON, at: NOW });
    expect(JSON.parse(sqs.commandCalls(SendMessageCommand)[0].args[0].input.MessageBody!)).toMatchObject({
      template: 'rights-request-extended',
      messageId: `rights-request-extended#${REQUEST_ID}`,
      to: 'ana@acme.test',
      params: { requestType: 'portability', dueAt: '2026-09-15T12:00:00.000Z', reason: REASON },
    });
    for (const personal of ['ana@acme.test', 'Everything, please.', REASON]) expect(reply.logs).not.toContain(personal);
  });

  it('answers 409 when a concurrent extension won (the conditional transaction failed), sending nothing', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));

    // Act
    const reply = await extend({ reason: REASON });

    // Assess
    expect(reply.status).toBe(409);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it.each([
    [404, 'an unknown request', { id: 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GZ' }, { reason: REASON }],
    [404, 'an id of another kind', { id: ACCOUNT_ID }, { reason: REASON }],
    [400, 'no reason', {}, {}],
    [400, 'a blank reason', {}, { reason: ' \n\t ' }],
    [400, 'a reason of 1,001 characters', {}, { reason: 'x'.repeat(1001) }],
    [400, 'a reason with a NUL', {}, { reason: 'a\u0000b' }],
    [400, 'a reason with a right-to-left override', {}, { reason: 'evil \u202Etxt' }],
    [400, 'a new due date of the admin’s choosing', {}, { reason: REASON, dueAt: '2027-01-01T00:00:00.000Z' }],
    [401, 'no token', { claims: undefined }, { reason: REASON }],
    [403, 'a customer’s token', { claims: customerClaims(ACCOUNT_ID) }, { reason: REASON }],
  ])('answers %i to %s, writing and sending nothing', async (status, _case, options, body) => {
    // Act
    const reply = await extend(body, options as { id?: string; claims?: Claims });

    // Assess
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });
});
