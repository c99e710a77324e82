import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, useAccountsEnvironment } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { adminClaims, customerClaims, httpEvent, invoke } from '../../test/support/http';

useAccountsEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-07-20T00:00:00.000Z';
const REQUEST_ID = 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const DUE = '2026-07-15T12:00:00.000Z';
const stored = {
  PK: `RIGHTS#${REQUEST_ID}`,
  SK: 'REQUEST',
  type: 'rights_request',
  rightsType: 'access',
  requestId: REQUEST_ID,
  status: 'in_progress',
  email: 'ana@acme.test',
  emailHash: 'h-ana',
  details: 'All of it.',
  accountId: ACCOUNT_ID,
  requestTokenHash: 'h-token',
  createdAt: '2026-06-15T12:00:00.000Z',
  dueAt: DUE,
  overdueAt: '2026-07-15T13:00:00.000Z',
  GSI1PK: 'PERSON#h-ana',
  GSI2PK: 'RIGHTS#in_progress',
  GSI2SK: `${DUE}#${REQUEST_ID}`,
};
const list = (query: Record<string, string>, claims = adminClaims()) => invoke(handler, httpEvent({ method: 'GET', path: '/admin/rights-requests', query, claims }));
const cursorOf = (sk: string) => Buffer.from(JSON.stringify({ sk })).toString('base64url');

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [stored] });
});
afterEach(() => jest.restoreAllMocks());

describe('GET /admin/rights-requests', () => {
  it('lists the overdue requests of a status, as the admin view: no email, details, account or digests', async () => {
    // Act
    const reply = await list({ status: 'in_progress', overdue: 'true' });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      items: [{ requestId: REQUEST_ID, type: 'access', status: 'in_progress', createdAt: '2026-06-15T12:00:00.000Z', dueAt: DUE, overdue: true, overdueAt: '2026-07-15T13:00:00.000Z' }],
    });
    expect(ddb.commandCalls(QueryCommand)[0].args[0].input).toEqual({
      TableName: TABLE_NAME,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :listing AND GSI2SK < :before',
      ExpressionAttributeValues: { ':listing': 'RIGHTS#in_progress', ':before': NOW },
      Limit: 26,
    });
    for (const personal of ['ana@acme.test', 'All of it.', ACCOUNT_ID, 'h-ana', 'h-token']) expect(reply.text).not.toContain(personal);
  });

  it('pages: the cursor holds the listing’s sort key', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [stored, { ...stored, requestId: 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GZ', GSI2SK: `${DUE}#rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GZ` }] });

    // Act
    const reply = await list({ status: 'in_progress', limit: '1' });

    // Assess
    expect(reply.body.items).toHaveLength(1);
    expect(JSON.parse(Buffer.from(reply.body.nextCursor, 'base64url').toString())).toEqual({ sk: `${DUE}#${REQUEST_ID}` });
  });

  it.each([
    ['no status', {}, 'status'],
    ['an unknown status', { status: 'overdue' }, 'status'],
    ['two statuses', { status: 'verified,in_progress' }, 'status'],
    ['an overdue filter of yes', { status: 'verified', overdue: 'yes' }, 'overdue'],
    ['an overdue filter on completed requests', { status: 'completed', overdue: 'true' }, 'overdue'],
    ['a limit over 100', { status: 'verified', limit: '101' }, 'limit'],
    ['a cursor of another item kind', { status: 'verified', cursor: cursorOf('FAX#fax_01KB00000000000000000000001') }, 'cursor'],
    ['a cursor past the overdue range', { status: 'verified', overdue: 'true', cursor: cursorOf(`2027-01-01T00:00:00.000Z#${REQUEST_ID}`) }, 'cursor'],
  ])('answers 400 to %s, without querying', async (_case, query, path) => {
    // Act
    const reply = await list(query);

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
    const reply = await invoke(handler, httpEvent({ method: 'GET', path: '/admin/rights-requests', query: { status: 'verified' }, ...(claims ? { claims } : {}) }));

    // Assess
    expect(reply.status).toBe(status);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
