import 'aws-sdk-client-mock-jest';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { RightsRequest } from '../../rights/request';
import { DynamoRightsRequestStore } from './rights-request-store';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'fax-backend-unit';
const store = new DynamoRightsRequestStore(ddb as unknown as DynamoDBDocumentClient, TABLE);
const REQUEST_ID = 'rrq_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
const KEY = { PK: `RIGHTS#${REQUEST_ID}`, SK: 'REQUEST' };
const TRAIL = `AUDIT#rights-request:${REQUEST_ID}`;
const pending: RightsRequest = {
  requestId: REQUEST_ID,
  type: 'erasure',
  status: 'pending_verification',
  email: 'ana@acme.test',
  emailHash: 'h-ana',
  details: 'All of it, please.',
  createdAt: '2026-06-15T12:00:00.000Z',
  dueAt: '2026-07-15T12:00:00.000Z',
  requestTokenHash: 'h-token',
  pendingCode: { codeHash: 'h-code', codeExpiresAt: '2026-06-15T12:15:00.000Z', attempts: 0 },
};
const conditionFailed = () => new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] });

/** The items of the one transaction written. */
const transaction = () => {
  const calls = ddb.commandCalls(TransactWriteCommand);
  expect(calls).toHaveLength(1);
  return calls[0].args[0].input.TransactItems!;
};
/** The audit entries a transaction appends: their items, as stored. */
const auditItems = () => transaction().flatMap((item) => (item.Put?.Item?.PK === TRAIL ? [item.Put] : []));

beforeEach(() => ddb.reset());

describe('DynamoRightsRequestStore', () => {
  it('stores a new request listed under its person and its status by due date, with its `received` entry, and reads it back as it was', async () => {
    // Act
    await store.create(pending);

    // Assess
    const [request, ...entries] = transaction();
    expect(request.Put?.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(request.Put?.Item).toMatchObject({
      ...KEY,
      type: 'rights_request',
      rightsType: 'erasure',
      GSI1PK: 'PERSON#h-ana',
      GSI1SK: 'RIGHTS#2026-06-15T12:00:00.000Z',
      GSI2PK: 'RIGHTS#pending_verification',
      GSI2SK: `2026-07-15T12:00:00.000Z#${REQUEST_ID}`,
    });
    expect(entries.map((entry) => entry.Put?.Item)).toEqual([
      {
        PK: TRAIL,
        SK: expect.stringMatching(/^2026-06-15T12:00:00\.000Z#/),
        type: 'audit_entry',
        subject: `rights-request:${REQUEST_ID}`,
        action: 'received',
        actor: { kind: 'requester' },
        at: '2026-06-15T12:00:00.000Z',
      },
    ]);
    ddb.on(GetCommand, { Key: KEY, ConsistentRead: true }).resolves({ Item: request.Put?.Item });
    expect(await store.get(REQUEST_ID)).toEqual(pending);
  });

  it('gives a request awaiting its proof a retention: it expires (TTL) 30 days after it was filed; a proven one has none', async () => {
    // Prepare
    const { pendingCode: _code, ...rest } = pending;

    // Act
    await store.create(pending);
    await store.create({ ...rest, status: 'verified', verifiedAt: pending.createdAt });

    // Assess
    const [unproven, proven] = ddb.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems![0].Put?.Item);
    expect(unproven?.expiresAtEpoch).toBe(Date.parse(pending.createdAt) / 1000 + 30 * 24 * 60 * 60);
    expect(proven).not.toHaveProperty('expiresAtEpoch');
  });

  it('keeps a request its code proved (its expiry removed), and lets a rejected one expire 30 days after its rejection', async () => {
    // Act
    await store.settleVerification(REQUEST_ID, 'h-code', 'verified', '2026-06-15T12:03:00.000Z');
    await store.settleVerification(REQUEST_ID, 'h-code', 'rejected', '2026-06-16T12:00:00.000Z');

    // Assess
    const [verified, rejected] = ddb.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems![0].Update!);
    expect(verified.UpdateExpression).toBe('SET #status = :outcome, GSI2PK = :listing, verifiedAt = :at REMOVE pendingCode, expiresAtEpoch');
    expect(rejected.UpdateExpression).toBe('SET #status = :outcome, GSI2PK = :listing, rejectedAt = :at, expiresAtEpoch = :ttl REMOVE pendingCode');
    expect(rejected.ExpressionAttributeValues?.[':ttl']).toBe(Date.parse('2026-06-16T12:00:00.000Z') / 1000 + 30 * 24 * 60 * 60);
  });

  it('appends `received` and `verified` by the customer whose token verified a request at once', async () => {
    // Prepare
    const { pendingCode: _code, requestTokenHash: _token, ...rest } = pending;
    const verified: RightsRequest = { ...rest, status: 'verified', accountId: 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH', verifiedAt: pending.createdAt };

    // Act
    await store.create(verified);

    // Assess
    expect(auditItems().map(({ Item }) => [Item?.action, Item?.actor, Item?.at])).toEqual([
      ['received', { kind: 'customer', accountId: 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH' }, pending.createdAt],
      ['verified', { kind: 'customer', accountId: 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH' }, pending.createdAt],
    ]);
  });

  it('names the admin who reported a request as its filer', async () => {
    // Act
    await store.create({ ...pending, reportedBy: 'admin-sub-1' });

    // Assess
    expect(auditItems()[0].Item?.actor).toEqual({ kind: 'admin', adminId: 'admin-sub-1' });
  });

  it('keeps the email, details and corrections out of every audit entry', async () => {
    // Act
    await store.create({ ...pending, type: 'rectification', corrections: { contactName: 'Ana M. Ruiz' } });

    // Assess
    const entries = JSON.stringify(auditItems());
    for (const personal of ['ana@acme.test', 'h-ana', 'All of it', 'Ana M. Ruiz']) expect(entries).not.toContain(personal);
  });

  it('counts a code before it is compared, only while the request awaits one and has tries left', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: { ...KEY, rightsType: 'erasure', ...pending, pendingCode: { ...pending.pendingCode, attempts: 1 } } });

    // Act
    const counted = await store.countCodeAttempt(REQUEST_ID, 5);

    // Assess
    expect(counted?.pendingCode?.attempts).toBe(1);
    expect(ddb.commandCalls(UpdateCommand)[0].args[0].input).toMatchObject({
      Key: KEY,
      UpdateExpression: 'SET pendingCode.attempts = pendingCode.attempts + :one',
      ConditionExpression: 'attribute_exists(pendingCode) AND pendingCode.attempts < :max AND #status = :pending',
      ExpressionAttributeValues: { ':one': 1, ':max': 5, ':pending': 'pending_verification' },
    });
  });

  it('settles a verification for the code it awaited, with its entry by the requester in the same transaction', async () => {
    // Act
    const settled = await store.settleVerification(REQUEST_ID, 'h-code', 'verified', '2026-06-15T12:03:00.000Z');

    // Assess
    expect(settled).toBe(true);
    const [change] = transaction();
    expect(change.Update).toMatchObject({
      Key: KEY,
      UpdateExpression: 'SET #status = :outcome, GSI2PK = :listing, verifiedAt = :at REMOVE pendingCode, expiresAtEpoch',
      ConditionExpression: 'pendingCode.codeHash = :hash AND #status = :pending',
      ExpressionAttributeValues: { ':outcome': 'verified', ':listing': 'RIGHTS#verified', ':at': '2026-06-15T12:03:00.000Z', ':hash': 'h-code' },
    });
    expect(auditItems().map(({ Item }) => [Item?.action, Item?.actor, Item?.at])).toEqual([['verified', { kind: 'requester' }, '2026-06-15T12:03:00.000Z']]);
  });

  it('answers false, appending nothing, when the request no longer awaited that code', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(conditionFailed());

    // Act & Assess
    expect(await store.settleVerification(REQUEST_ID, 'h-code', 'rejected', '2026-06-15T12:03:00.000Z')).toBe(false);
  });

  it('starts a verified request with its `fulfilment-started` entry by the service, answering the request as it now stands', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: { ...KEY, ...pending, type: 'rights_request', rightsType: 'complaint', status: 'in_progress', startedAt: '2026-06-15T12:05:00.000Z' } });

    // Act
    const started = await store.beginFulfilment(REQUEST_ID, '2026-06-15T12:05:00.000Z');

    // Assess
    expect(started).toMatchObject({ requestId: REQUEST_ID, type: 'complaint', status: 'in_progress' });
    expect(transaction()[0].Update).toMatchObject({ ConditionExpression: '#status IN (:verified, :onHold)', ExpressionAttributeValues: expect.objectContaining({ ':listing': 'RIGHTS#in_progress', ':verified': 'verified', ':onHold': 'on_hold' }) });
    expect(auditItems().map(({ Item }) => [Item?.action, Item?.actor])).toEqual([['fulfilment-started', { kind: 'service', name: 'fulfil-rights-request' }]]);
  });

  it('carries on with a request already in progress (its entry was appended when it moved), and leaves a completed one alone', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolvesOnce({ Item: { ...KEY, ...pending, type: 'rights_request', rightsType: 'complaint', status: 'in_progress' } })
      .resolvesOnce({ Item: { ...KEY, ...pending, type: 'rights_request', rightsType: 'complaint', status: 'completed' } });

    // Act
    const resumed = await store.beginFulfilment(REQUEST_ID, '2026-06-15T12:05:00.000Z');
    const done = await store.beginFulfilment(REQUEST_ID, '2026-06-15T12:05:00.000Z');

    // Assess
    expect(resumed?.status).toBe('in_progress');
    expect(done).toBeUndefined();
  });

  it('completes a request in progress with its result and its `completed` entry; an erasure drops the requester', async () => {
    // Act
    const completed = await store.complete(REQUEST_ID, { result: { ok: true }, completedAt: '2026-06-15T12:06:00.000Z', forgetRequester: true });

    // Assess
    expect(completed).toBe(true);
    expect(transaction()[0].Update).toMatchObject({
      UpdateExpression: 'SET #status = :completed, GSI2PK = :listing, completedAt = :at, #result = :result REMOVE email, emailHash, GSI1PK, GSI1SK, details, corrections, accountId, extensionReason',
      ConditionExpression: '#status = :progress',
    });
    expect(auditItems().map(({ Item }) => [Item?.action, Item?.actor, Item?.at])).toEqual([
      ['completed', { kind: 'service', name: 'fulfil-rights-request' }, '2026-06-15T12:06:00.000Z'],
    ]);
  });

  it('answers false when a twin completed the request first', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(conditionFailed());

    // Act & Assess
    expect(await store.complete(REQUEST_ID, { completedAt: '2026-06-15T12:06:00.000Z', forgetRequester: false })).toBe(false);
  });

  it('lists the requests verified before a time and not re-queued since, walking the whole status listing', async () => {
    // Prepare
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ requestId: 'rrq_1' }], LastEvaluatedKey: { PK: 'x' } })
      .resolvesOnce({ Items: [{ requestId: 'rrq_2' }, { requestId: 'rrq_3' }] });

    // Act
    const stalled = await store.stalled('verified', new Date('2026-06-15T11:50:00.000Z'), 100);

    // Assess
    expect(stalled).toEqual(['rrq_1', 'rrq_2', 'rrq_3']);
    const inputs = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input as QueryCommandInput);
    expect(inputs[0]).toMatchObject({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :listing',
      FilterExpression: '#entered < :before AND (attribute_not_exists(requeuedAt) OR requeuedAt < :before)',
      ExpressionAttributeNames: { '#entered': 'verifiedAt' },
      ExpressionAttributeValues: { ':listing': 'RIGHTS#verified', ':before': '2026-06-15T11:50:00.000Z' },
    });
    expect(inputs[1].ExclusiveStartKey).toEqual({ PK: 'x' });
  });

  it('lists requests in progress by when they started, at most `limit`', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [{ requestId: 'rrq_1' }, { requestId: 'rrq_2' }], LastEvaluatedKey: { PK: 'x' } });

    // Act
    const stalled = await store.stalled('in_progress', new Date('2026-06-15T11:30:00.000Z'), 2);

    // Assess
    expect(stalled).toEqual(['rrq_1', 'rrq_2']);
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { ExpressionAttributeNames: { '#entered': 'startedAt' }, ExpressionAttributeValues: expect.objectContaining({ ':listing': 'RIGHTS#in_progress' }) });
  });

  it('notes when a stalled request was queued again', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    await store.noteRequeued(REQUEST_ID, '2026-06-15T12:10:00.000Z');

    // Assess
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, { Key: KEY, UpdateExpression: 'SET requeuedAt = :at', ExpressionAttributeValues: { ':at': '2026-06-15T12:10:00.000Z' } });
  });
});
