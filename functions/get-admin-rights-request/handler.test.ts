import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { useAccountsEnvironment } from '../../test/support/accounts';
import { adminClaims, customerClaims, httpEvent, invoke } from '../../test/support/http';

useAccountsEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const RIGHTS_REQUEST_ID = 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const path = `/admin/rights-requests/${RIGHTS_REQUEST_ID}`;
const get = (claims = adminClaims()) =>
  invoke(handler, httpEvent({ path, routeKey: 'GET /admin/rights-requests/{id}', pathParameters: { id: RIGHTS_REQUEST_ID }, claims }));
const entry = (action: string, actor: Record<string, string>, at: string) => ({
  PK: `AUDIT#rights-request:${RIGHTS_REQUEST_ID}`,
  SK: `${at}#digest`,
  type: 'audit_entry',
  subject: `rights-request:${RIGHTS_REQUEST_ID}`,
  action,
  actor,
  at,
});

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(QueryCommand).resolves({ Items: [] });
});

describe('GET /admin/rights-requests/{id}', () => {
  it('answers the request, without its requester’s email or details, and its audit trail oldest first', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: { PK: `RIGHTS#${RIGHTS_REQUEST_ID}`, SK: 'REQUEST' } }).resolves({
      Item: {
        PK: `RIGHTS#${RIGHTS_REQUEST_ID}`,
        SK: 'REQUEST',
        type: 'rights_request',
        rightsType: 'complaint',
        requestId: RIGHTS_REQUEST_ID,
        status: 'completed',
        email: 'ana@acme.test',
        emailHash: 'h-ana',
        details: 'You emailed me after I opted out.',
        createdAt: '2026-06-15T12:00:00.000Z',
        dueAt: '2026-07-15T12:00:00.000Z',
        completedAt: '2026-06-15T12:05:00.000Z',
        result: { authorities: [] },
      },
    });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': `AUDIT#rights-request:${RIGHTS_REQUEST_ID}` } }).resolves({
      Items: [
        entry('received', { kind: 'requester' }, '2026-06-15T12:00:00.000Z'),
        entry('verified', { kind: 'requester' }, '2026-06-15T12:02:00.000Z'),
        entry('fulfilment-started', { kind: 'service', name: 'fulfil-rights-request' }, '2026-06-15T12:04:00.000Z'),
        entry('completed', { kind: 'service', name: 'fulfil-rights-request' }, '2026-06-15T12:05:00.000Z'),
      ],
    });

    // Act
    const reply = await get();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      requestId: RIGHTS_REQUEST_ID,
      type: 'complaint',
      status: 'completed',
      createdAt: '2026-06-15T12:00:00.000Z',
      dueAt: '2026-07-15T12:00:00.000Z',
      completedAt: '2026-06-15T12:05:00.000Z',
      result: { authorities: [] },
      audit: [
        { action: 'received', actor: { kind: 'requester' }, at: '2026-06-15T12:00:00.000Z' },
        { action: 'verified', actor: { kind: 'requester' }, at: '2026-06-15T12:02:00.000Z' },
        { action: 'fulfilment-started', actor: { kind: 'service', name: 'fulfil-rights-request' }, at: '2026-06-15T12:04:00.000Z' },
        { action: 'completed', actor: { kind: 'service', name: 'fulfil-rights-request' }, at: '2026-06-15T12:05:00.000Z' },
      ],
    });
  });

  it('answers 404 for a request that does not exist', async () => {
    // Act
    const reply = await get();

    // Assess
    expect(reply.status).toBe(404);
  });

  it('answers 403 to a customer', async () => {
    // Act
    const reply = await get(customerClaims('acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH'));

    // Assess
    expect(reply.status).toBe(403);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
