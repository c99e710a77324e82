import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { transactionCanceled, transactItems } from '../../../test/support/accounts';
import type { AuditEntry } from '../../audit/trail';
import { InvalidInput } from '../../errors';
import { DynamoRightsRequestStore } from './rights-request-store';

// The deadlines' methods of the rights request store: listings by due date, audited changes.

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'fax-backend-unit';
const store = new DynamoRightsRequestStore(ddb as unknown as DynamoDBDocumentClient, TABLE);
const REQUEST_ID = 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const KEY = { PK: `RIGHTS#${REQUEST_ID}`, SK: 'REQUEST' };
const DUE = '2026-07-15T12:00:00.000Z';
const NOW = '2026-07-15T13:00:00.000Z';
const OWED = { ':owed0': 'verified', ':owed1': 'in_progress' };
const entry = (action: string, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  subject: `rights-request:${REQUEST_ID}`,
  action,
  actor: { kind: 'service', name: 'rights-deadlines' },
  at: NOW,
  ...extra,
});
const cursorOf = (sk: string) => Buffer.from(JSON.stringify({ sk })).toString('base64url');
const storedItem = { ...KEY, type: 'rights_request', rightsType: 'access', requestId: REQUEST_ID, status: 'in_progress', dueAt: DUE, GSI2PK: 'RIGHTS#in_progress', GSI2SK: `${DUE}#${REQUEST_ID}` };

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(TransactWriteCommand).resolves({});
});

describe('DynamoRightsRequestStore, deadlines', () => {
  it('lists a status by due date from its GSI2 listing, as requests', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [storedItem] });

    // Act
    const page = await store.listByStatus('in_progress', undefined, { limit: 25 });

    // Assess
    expect(page).toEqual({ items: [{ requestId: REQUEST_ID, type: 'access', status: 'in_progress', dueAt: DUE }] });
    expect(ddb.commandCalls(QueryCommand)[0].args[0].input).toEqual({
      TableName: TABLE,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :listing',
      ExpressionAttributeValues: { ':listing': 'RIGHTS#in_progress' },
      Limit: 26,
    });
  });

  it('lists those due before an instant as a range of the listing, and those not due before it by a filter', async () => {
    // Act
    await store.listByStatus('verified', { before: NOW }, { limit: 10 });
    await store.listByStatus('verified', { notBefore: NOW }, { limit: 10 });

    // Assess
    const [before, notBefore] = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(before).toMatchObject({ KeyConditionExpression: 'GSI2PK = :listing AND GSI2SK < :before', ExpressionAttributeValues: { ':listing': 'RIGHTS#verified', ':before': NOW } });
    expect(notBefore).toMatchObject({
      KeyConditionExpression: 'GSI2PK = :listing',
      FilterExpression: 'dueAt >= :notBefore',
      ExpressionAttributeValues: { ':listing': 'RIGHTS#verified', ':notBefore': NOW },
    });
  });

  it('continues a page after its cursor, the table key included', async () => {
    // Act
    await store.listByStatus('in_progress', { before: NOW }, { limit: 10, cursor: cursorOf(`${DUE}#${REQUEST_ID}`) });

    // Assess
    expect(ddb.commandCalls(QueryCommand)[0].args[0].input.ExclusiveStartKey).toEqual({ GSI2PK: 'RIGHTS#in_progress', GSI2SK: `${DUE}#${REQUEST_ID}`, ...KEY });
  });

  it.each([
    ['of another item kind', cursorOf('FAX#fax_01KB00000000000000000000001')],
    ['of a request due after the range read (DynamoDB would refuse the start key)', cursorOf(`2026-08-01T00:00:00.000Z#${REQUEST_ID}`)],
    ['of a time without an id', cursorOf(DUE)],
  ])('refuses a cursor %s, without querying', async (_case, cursor) => {
    // Act
    const listing = store.listByStatus('in_progress', { before: NOW }, { limit: 10, cursor });

    // Assess
    await expect(listing).rejects.toBeInstanceOf(InvalidInput);
    expect(ddb).not.toHaveReceivedCommand(QueryCommand);
  });

  it('marks a request overdue only while owed an answer, due when listed and not marked, with its audit entry in the same transaction', async () => {
    // Act
    const marked = await store.markOverdue(REQUEST_ID, DUE, entry('marked-overdue'));

    // Assess
    expect(marked).toBe(true);
    const [update, audit] = transactItems(ddb);
    expect(update.Update).toEqual({
      TableName: TABLE,
      Key: KEY,
      UpdateExpression: 'SET overdueAt = :at',
      ConditionExpression: '#status IN (:owed0, :owed1) AND dueAt = :dueAt AND attribute_not_exists(overdueAt)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':at': NOW, ':dueAt': DUE, ...OWED },
    });
    expect(audit.Put).toMatchObject({ TableName: TABLE, Item: { PK: `AUDIT#rights-request:${REQUEST_ID}`, type: 'audit_entry', action: 'marked-overdue' }, ConditionExpression: 'attribute_not_exists(PK)' });
  });

  it('rejects a request still awaiting a code that expired, leaving its listing for the rejected one, with its audit entry', async () => {
    // Act
    const rejected = await store.rejectUnverified(REQUEST_ID, entry('rejected'));

    // Assess
    expect(rejected).toBe(true);
    expect(transactItems(ddb)[0].Update).toMatchObject({
      UpdateExpression: 'SET #status = :rejected, GSI2PK = :listing, rejectedAt = :at REMOVE pendingCode',
      ConditionExpression: '#status = :pending AND pendingCode.codeExpiresAt < :at',
      ExpressionAttributeValues: { ':rejected': 'rejected', ':listing': 'RIGHTS#rejected', ':at': NOW, ':pending': 'pending_verification' },
    });
    expect(transactItems(ddb)[1].Put.Item).toMatchObject({ action: 'rejected' });
  });

  it('extends a request once, moving its place in the listing to the new due date, with the admin’s audit entry', async () => {
    // Act
    const extended = await store.extend(
      REQUEST_ID,
      { previousDueAt: DUE, dueAt: '2026-09-15T12:00:00.000Z', reason: 'More time.' },
      entry('extended', { actor: { kind: 'admin', adminId: 'admin-sub' }, at: '2026-07-01T00:00:00.000Z', reason: 'More time.' }),
    );

    // Assess
    expect(extended).toBe(true);
    const [update, audit] = transactItems(ddb);
    expect(update.Update).toMatchObject({
      Key: KEY,
      UpdateExpression: 'SET dueAt = :dueAt, GSI2SK = :sortKey, extendedAt = :at, extensionReason = :reason',
      ConditionExpression: '#status IN (:owed0, :owed1) AND attribute_not_exists(extendedAt) AND dueAt = :previous AND dueAt >= :at',
      ExpressionAttributeValues: {
        ':dueAt': '2026-09-15T12:00:00.000Z',
        ':sortKey': `2026-09-15T12:00:00.000Z#${REQUEST_ID}`,
        ':at': '2026-07-01T00:00:00.000Z',
        ':reason': 'More time.',
        ':previous': DUE,
        ...OWED,
      },
    });
    expect(audit.Put.Item).toMatchObject({ action: 'extended', actor: { kind: 'admin', adminId: 'admin-sub' }, reason: 'More time.' });
  });

  it.each([
    ['markOverdue', () => store.markOverdue(REQUEST_ID, DUE, entry('marked-overdue'))],
    ['rejectUnverified', () => store.rejectUnverified(REQUEST_ID, entry('rejected'))],
    ['extend', () => store.extend(REQUEST_ID, { previousDueAt: DUE, dueAt: '2026-09-15T12:00:00.000Z', reason: 'r' }, entry('extended'))],
  ])('%s answers false when the request’s condition failed', async (_method, change) => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));

    // Act & Assess
    expect(await change()).toBe(false);
  });
});
