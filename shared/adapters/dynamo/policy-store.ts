import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account } from '../../accounts/account';
import type { AuditEntry } from '../../audit/trail';
import { COUNTER_SHARDS, SETTLEMENT_RETENTION_DAYS } from '../../policies/fan-out';
import type { PolicyVersion } from '../../policies/policy';
import type { NoticeClaim, NoticeCounterReader, NoticePlans, NoticeRecord, NoticeRecords, NoticeTargets, NotifiableAccounts, PlanState, PolicyStore } from '../../policies/ports';
import { epochSecondsAfter } from '../../privacy/retention';
import { accountKey, notifiablePartition } from './account-store';
import { auditEntryPut } from './audit-trail';
import { getByKeys } from './batch-get';
import { updateIf } from './conditional';
import { wholePartition } from './paging';
import { shardOf } from './shards';
import { transactWrite, transactWriteFailures } from './transactions';

// Keys of the policy versions and their fan-out (DATA-MODEL.md, "Policy versions and notices").
const VERSIONS_PK = 'POLICY#VERSIONS';
const versionKey = (version: string) => ({ PK: VERSIONS_PK, SK: `VERSION#${version}` });
/** One of a version's outcome counters: each shard its own partition, so no partition takes every settlement. */
const counterKey = (version: string, shard: number) => ({ PK: `POLICY#${version}#COUNTER#${shard}`, SK: 'COUNTER' });
/** That an account was counted: keyed by a keyed digest of version and account (never the id), beside its counter shard. */
const settlementKey = (version: string, key: string) => ({ PK: `POLICY#${version}#SETTLED#${shardOf(key, COUNTER_SHARDS)}`, SK: key });
/** A released claim's time: stale to any lease, so the next delivery takes it over. */
const RELEASED_AT = new Date(0).toISOString();
/** An account's notice record of a version, in its partition. */
const noticeKey = (accountId: string, version: string) => ({ PK: accountKey(accountId).PK, SK: `POLICYNOTICE#${version}` });

const toVersion = (item: Record<string, unknown>): PolicyVersion => {
  const { version, effectiveAt, summary, url, kind, publishedAt } = item as unknown as PolicyVersion;
  return { version, effectiveAt, summary, ...(url === undefined ? {} : { url }), kind, publishedAt };
};

/** The versions, their plans and their counters on DynamoDB. */
export class DynamoPolicyStore implements PolicyStore, NoticePlans, NoticeCounterReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async publish(version: PolicyVersion, audit: AuditEntry): Promise<boolean> {
    const failed = await transactWrite(this.client, {
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...versionKey(version.version), type: 'policy_version', ...version, planCursors: {}, planDone: {}, planned: 0 },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        { Put: auditEntryPut(this.tableName, audit) },
      ],
    });
    return !failed.includes(0);
  }

  async get(version: string): Promise<PolicyVersion | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: versionKey(version), ConsistentRead: true }));
    return Item ? toVersion(Item) : undefined;
  }

  async list(): Promise<PolicyVersion[]> {
    return (await this.items()).map(toVersion);
  }

  async unfinished(): Promise<string[]> {
    return (await this.items()).filter((item) => item.plannedAt === undefined).map((item) => item.version as string);
  }

  async takeLease(version: string, owner: string, at: Date, until: Date): Promise<PlanState | undefined> {
    const taken = await updateIf(this.client, {
      TableName: this.tableName,
      Key: versionKey(version),
      UpdateExpression: 'SET planLeaseOwner = :owner, planLeaseUntil = :until',
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(plannedAt) AND (attribute_not_exists(planLeaseUntil) OR planLeaseUntil < :now)',
      ExpressionAttributeValues: { ':owner': owner, ':until': until.toISOString(), ':now': at.toISOString() },
      ReturnValues: 'ALL_NEW',
    });
    if (taken === false) return undefined;
    return { cursors: (taken.planCursors ?? {}) as Record<string, string>, doneShards: Object.keys((taken.planDone ?? {}) as object) };
  }

  async advance(version: string, owner: string, step: { shard: string; from?: string; to?: string; count: number; done: boolean }, until: Date): Promise<boolean> {
    const sets = ['planned = planned + :count', 'planLeaseUntil = :until', ...(step.to === undefined ? [] : ['planCursors.#shard = :to']), ...(step.done ? ['planDone.#shard = :done'] : [])];
    const advanced = await updateIf(this.client, {
      TableName: this.tableName,
      Key: versionKey(version),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: `planLeaseOwner = :owner AND ${step.from === undefined ? 'attribute_not_exists(planCursors.#shard)' : 'planCursors.#shard = :from'}`,
      ExpressionAttributeNames: { '#shard': step.shard },
      ExpressionAttributeValues: {
        ':owner': owner,
        ':count': step.count,
        ':until': until.toISOString(),
        ...(step.to === undefined ? {} : { ':to': step.to }),
        ...(step.from === undefined ? {} : { ':from': step.from }),
        ...(step.done ? { ':done': true } : {}),
      },
    });
    return advanced !== false;
  }

  // The cursors are account ids: kept no longer than the plan needs them.
  async finish(version: string, owner: string, at: Date): Promise<void> {
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: versionKey(version),
      UpdateExpression: 'SET plannedAt = :at REMOVE planLeaseOwner, planLeaseUntil, planCursors',
      ConditionExpression: 'planLeaseOwner = :owner',
      ExpressionAttributeValues: { ':at': at.toISOString(), ':owner': owner },
    });
  }

  async release(version: string, owner: string): Promise<void> {
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: versionKey(version),
      UpdateExpression: 'REMOVE planLeaseOwner, planLeaseUntil',
      ConditionExpression: 'planLeaseOwner = :owner',
      ExpressionAttributeValues: { ':owner': owner },
    });
  }

  async counters(version: string) {
    const [item, ...shards] = await getByKeys(this.client, this.tableName, [versionKey(version), ...Array.from({ length: COUNTER_SHARDS }, (_, shard) => counterKey(version, shard))]);
    if (!item) return undefined;
    const sum = (name: string) => shards.reduce((total, shard) => total + Number(shard?.[name] ?? 0), 0);
    return { planned: Number(item.planned ?? 0), sent: sum('sent'), skipped: sum('skipped'), failed: sum('failed') };
  }

  // The versions' partition, whole: a handful of items a year.
  private items(): Promise<Record<string, unknown>[]> {
    return wholePartition(this.client, this.tableName, VERSIONS_PK);
  }
}

/** The notifiable index (GSI1 `NOTIFIABLE#<shard>`, by account id). */
export class DynamoNotifiableAccounts implements NotifiableAccounts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async page(shard: number, after: string | undefined, limit: number): Promise<{ accountIds: string[]; more: boolean }> {
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: after === undefined ? 'GSI1PK = :shard' : 'GSI1PK = :shard AND GSI1SK > :after',
        ExpressionAttributeValues: { ':shard': notifiablePartition(shard), ...(after === undefined ? {} : { ':after': after }) },
        ProjectionExpression: 'GSI1SK',
        Limit: limit,
      }),
    );
    return { accountIds: Items.map((item) => item.GSI1SK as string), more: LastEvaluatedKey !== undefined };
  }
}

const toNotice = (item: Record<string, unknown> | undefined): NoticeRecord | undefined =>
  item === undefined
    ? undefined
    : { status: item.status as NoticeRecord['status'], attempts: Number(item.attempts ?? 0), claimId: item.claimId as string, claimedAt: item.claimedAt as string };

/** The accounts of a message and their notice records: one BatchGetItem (50 accounts, 100 keys: its limit). */
export const dynamoNoticeTargets =
  (client: DynamoDBDocumentClient, tableName: string): NoticeTargets =>
  async (version, accountIds) => {
    const found = await getByKeys(client, tableName, accountIds.flatMap((accountId) => [accountKey(accountId), noticeKey(accountId, version)]));
    return accountIds.map((_, index) => {
      const account = found[2 * index];
      const notice = toNotice(found[2 * index + 1]);
      return { ...(account ? { account: account as unknown as Account } : {}), ...(notice ? { notice } : {}) };
    });
  };

/** The notice records, their settlement markers and the counters on DynamoDB. */
export class DynamoNoticeRecords implements NoticeRecords {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(notice: { version: string; kind: PolicyVersion['kind']; accountId: string; claimId: string; at: Date; previous?: NoticeRecord }): Promise<NoticeClaim> {
    const failed = await transactWrite(this.client, {
      TransactItems: [
        // An account being erased takes no new item: its partition is swept once.
        {
          ConditionCheck: {
            TableName: this.tableName,
            Key: accountKey(notice.accountId),
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(removal)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...noticeKey(notice.accountId, notice.version),
              type: 'policy_notice',
              version: notice.version,
              kind: notice.kind,
              status: 'sending',
              claimId: notice.claimId,
              claimedAt: notice.at.toISOString(),
              attempts: (notice.previous?.attempts ?? 0) + 1,
            },
            ...(notice.previous
              ? { ConditionExpression: 'claimId = :previous AND #status = :sending', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':previous': notice.previous.claimId, ':sending': 'sending' } }
              : { ConditionExpression: 'attribute_not_exists(PK)' }),
          },
        },
      ],
    });
    if (failed.includes(0)) return 'gone';
    return failed.length > 0 ? 'lost' : 'claimed';
  }

  async settle(notice: { version: string; accountId: string; claimId: string; settlementKey: string; outcome: 'sent' | 'skipped' | 'failed'; reason?: string; at: Date }): Promise<void> {
    const at = notice.at.toISOString();
    // Cancelled: another consumer settled it first (or counted it), which is all that was left to do.
    await transactWriteFailures(this.client, {
      TransactItems: [
        {
          Update: {
            TableName: this.tableName,
            Key: noticeKey(notice.accountId, notice.version),
            UpdateExpression: `SET #status = :outcome, settledAt = :at${notice.reason === undefined ? '' : ', reason = :reason'} REMOVE claimId, claimedAt`,
            ConditionExpression: 'claimId = :claim',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':outcome': notice.outcome, ':at': at, ':claim': notice.claimId, ...(notice.reason === undefined ? {} : { ':reason': notice.reason }) },
          },
        },
        ...this.counting(notice.version, notice.settlementKey, notice.outcome, at),
      ],
    });
  }

  async release(notice: { version: string; accountId: string; claimId: string }): Promise<void> {
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: noticeKey(notice.accountId, notice.version),
      UpdateExpression: 'SET claimedAt = :released, attempts = attempts - :one',
      ConditionExpression: 'claimId = :claim AND #status = :sending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':released': RELEASED_AT, ':one': 1, ':claim': notice.claimId, ':sending': 'sending' },
    });
  }

  async settleGone(notice: { version: string; settlementKey: string; at: Date }): Promise<void> {
    await transactWriteFailures(this.client, { TransactItems: this.counting(notice.version, notice.settlementKey, 'skipped', notice.at.toISOString()) });
  }

  // The settlement marker (once per account) and its counter's increment, in the settlement's transaction.
  private counting(version: string, key: string, outcome: string, at: string) {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...settlementKey(version, key), type: 'policy_notice_settlement', settledAt: at, expiresAtEpoch: epochSecondsAfter(at, SETTLEMENT_RETENTION_DAYS) },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: counterKey(version, shardOf(key, COUNTER_SHARDS)),
          UpdateExpression: 'SET #type = :type ADD #outcome :one',
          ExpressionAttributeNames: { '#type': 'type', '#outcome': outcome },
          ExpressionAttributeValues: { ':type': 'policy_notice_counter', ':one': 1 },
        },
      },
    ];
  }
}
