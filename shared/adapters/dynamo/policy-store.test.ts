import 'aws-sdk-client-mock-jest';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, transactionCanceled, transactItems } from '../../../test/support/accounts';
import { COUNTER_SHARDS } from '../../policies/fan-out';
import type { PolicyVersion } from '../../policies/policy';
import { DynamoNoticeRecords, DynamoNotifiableAccounts, DynamoPolicyStore } from './policy-store';

const ddb = mockClient(DynamoDBDocumentClient);
const client = ddb as unknown as DynamoDBDocumentClient;
const policies = new DynamoPolicyStore(client, TABLE_NAME);
const records = new DynamoNoticeRecords(client, TABLE_NAME);
const AT = new Date('2026-03-01T10:00:00.000Z');
const VERSION: PolicyVersion = { version: '2026-03', effectiveAt: '2026-04-01T00:00:00.000Z', summary: 'Faxes are kept 60 days.', kind: 'policy_change', publishedAt: AT.toISOString() };
const AUDIT = { subject: 'policy:2026-03', action: 'published', actor: { kind: 'admin', adminId: 'admin-sub' }, at: AT.toISOString() } as const;
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeEach(() => {
  ddb.reset();
  ddb.on(TransactWriteCommand).resolves({});
});

describe('DynamoPolicyStore', () => {
  it('publishes a version with an empty plan and its audit entry in one transaction, each only if new', async () => {
    // Act
    const published = await policies.publish(VERSION, AUDIT);

    // Assess
    expect(published).toBe(true);
    const [version, audit] = transactItems(ddb);
    expect(version.Put).toEqual({
      TableName: TABLE_NAME,
      Item: { PK: 'POLICY#VERSIONS', SK: 'VERSION#2026-03', type: 'policy_version', ...VERSION, planCursors: {}, planDone: {}, planned: 0 },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expect(audit.Put).toMatchObject({ Item: { PK: 'AUDIT#policy:2026-03', type: 'audit_entry', action: 'published' }, ConditionExpression: 'attribute_not_exists(PK)' });
  });

  it('answers false when the version exists', async () => {
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));
    expect(await policies.publish(VERSION, AUDIT)).toBe(false);
  });

  it("takes the plan's lease only while unfinished and free or stale, and answers the cursors", async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: { planCursors: { '3': 'acc_X' }, planDone: { '0': true } } });

    // Act
    const state = await policies.takeLease('2026-03', 'owner-1', AT, new Date('2026-03-01T10:02:00.000Z'));

    // Assess
    expect(state).toEqual({ cursors: { '3': 'acc_X' }, doneShards: ['0'] });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(plannedAt) AND (attribute_not_exists(planLeaseUntil) OR planLeaseUntil < :now)',
      ExpressionAttributeValues: { ':owner': 'owner-1', ':until': '2026-03-01T10:02:00.000Z', ':now': AT.toISOString() },
    });
  });

  it("moves a shard's cursor with the planned count only from where its lease holder read it", async () => {
    // Prepare
    ddb.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed());

    // Act
    const moved = await policies.advance('2026-03', 'owner-1', { shard: '3', from: 'acc_A', to: 'acc_B', count: 1000, done: false }, AT);
    const lost = await policies.advance('2026-03', 'owner-1', { shard: '3', from: 'acc_A', to: 'acc_B', count: 1000, done: false }, AT);

    // Assess
    expect([moved, lost]).toEqual([true, false]);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      UpdateExpression: 'SET planned = planned + :count, planLeaseUntil = :until, planCursors.#shard = :to',
      ConditionExpression: 'planLeaseOwner = :owner AND planCursors.#shard = :from',
      ExpressionAttributeNames: { '#shard': '3' },
    });
  });

  it('drops the cursors (account ids) once the plan is finished', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    await policies.finish('2026-03', 'owner-1', AT);

    // Assess
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      UpdateExpression: 'SET plannedAt = :at REMOVE planLeaseOwner, planLeaseUntil, planCursors',
      ConditionExpression: 'planLeaseOwner = :owner',
    });
  });

  it('sums the outcome counters over their shards, beside the planned count', async () => {
    // Prepare
    ddb.on(BatchGetCommand).callsFake(({ RequestItems }) => ({
      Responses: {
        [TABLE_NAME]: RequestItems[TABLE_NAME].Keys.map((key: { PK: string; SK: string }) =>
          key.PK === 'POLICY#VERSIONS' ? { ...key, planned: 10 } : { ...key, sent: 1, skipped: key.PK.endsWith('#COUNTER#0') ? 2 : 0 },
        ),
      },
    }));

    // Act
    const counters = await policies.counters('2026-03');

    // Assess
    expect(counters).toEqual({ planned: 10, sent: COUNTER_SHARDS, skipped: 2, failed: 0 });
  });
});

describe('DynamoNotifiableAccounts', () => {
  it("queries one shard of the notifiable index after the cursor, keys only", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [{ GSI1SK: 'acc_B' }], LastEvaluatedKey: { PK: 'x' } });

    // Act
    const page = await new DynamoNotifiableAccounts(client, TABLE_NAME).page(5, 'acc_A', 1000);

    // Assess
    expect(page).toEqual({ accountIds: ['acc_B'], more: true });
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :shard AND GSI1SK > :after',
      ExpressionAttributeValues: { ':shard': 'NOTIFIABLE#5', ':after': 'acc_A' },
      Limit: 1000,
    });
  });
});

describe('DynamoNoticeRecords', () => {
  it("claims a new record only if there is none and the account takes data (no erasure begun)", async () => {
    // Act
    const claim = await records.claim({ version: '2026-03', kind: 'policy_change', accountId: ACCOUNT_ID, claimId: 'claim-1', at: AT });

    // Assess
    expect(claim).toBe('claimed');
    const [account, notice] = transactItems(ddb);
    expect(account.ConditionCheck).toMatchObject({ Key: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'PROFILE' }, ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(removal)' });
    expect(notice.Put).toMatchObject({
      Item: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'POLICYNOTICE#2026-03', type: 'policy_notice', status: 'sending', claimId: 'claim-1', attempts: 1 },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  });

  it('takes over a stale claim only as it was read, and tells a gone account from a lost claim', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejectsOnce(transactionCanceled('None', 'ConditionalCheckFailed')).rejectsOnce(transactionCanceled('ConditionalCheckFailed', 'None'));
    const previous = { status: 'sending' as const, attempts: 2, claimId: 'claim-0', claimedAt: '2026-03-01T09:00:00.000Z' };

    // Act
    const lost = await records.claim({ version: '2026-03', kind: 'policy_change', accountId: ACCOUNT_ID, claimId: 'claim-1', at: AT, previous });
    const gone = await records.claim({ version: '2026-03', kind: 'policy_change', accountId: ACCOUNT_ID, claimId: 'claim-1', at: AT, previous });

    // Assess
    expect([lost, gone]).toEqual(['lost', 'gone']);
    expect(transactItems(ddb)[1].Put).toMatchObject({ Item: { attempts: 3 }, ConditionExpression: 'claimId = :previous AND #status = :sending' });
  });

  it('settles a claim with its counter and a settlement marker (a digest, never the account id) in one transaction', async () => {
    // Act
    await records.settle({ version: '2026-03', accountId: ACCOUNT_ID, claimId: 'claim-1', settlementKey: 'digest-1', outcome: 'skipped', reason: 'opted_out', at: AT });

    // Assess
    const [notice, marker, counter] = transactItems(ddb);
    expect(notice.Update).toMatchObject({ ConditionExpression: 'claimId = :claim', ExpressionAttributeValues: { ':outcome': 'skipped', ':reason': 'opted_out' } });
    expect(marker.Put).toMatchObject({ Item: { SK: 'digest-1', type: 'policy_notice_settlement' }, ConditionExpression: 'attribute_not_exists(PK)' });
    expect(marker.Put.Item.PK).toMatch(/^POLICY#2026-03#SETTLED#\d+$/);
    expect(JSON.stringify(marker)).not.toContain(ACCOUNT_ID);
    expect(counter.Update).toMatchObject({ UpdateExpression: 'SET #type = :type ADD #outcome :one', ExpressionAttributeNames: { '#outcome': 'skipped' } });
  });

  it('changes nothing, and does not fail, when the notice was settled or counted already', async () => {
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('None', 'ConditionalCheckFailed', 'None'));
    await expect(records.settleGone({ version: '2026-03', settlementKey: 'digest-1', at: AT })).resolves.toBeUndefined();
  });
});
