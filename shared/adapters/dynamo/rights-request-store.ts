import { GetCommand, QueryCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Actor, AuditEntry } from '../../audit/trail';
import { idShape } from '../../ids';
import type { Page, PageRequest } from '../../pages';
import { filerOf, FULFILMENT_ACTOR, rightsRequestSubject } from '../../rights/audit';
import type { DueSelection, RightsDeadlineStore, RightsRequestStore, StalledStatus } from '../../rights/ports';
import { ANSWER_OWED_STATUSES, type RightsRequest, type RightsStatus } from '../../rights/request';
import { LEGAL_HOLD_RESULT } from '../../rights/request';
import { RIGHTS_REQUEST_ID_PREFIX } from '../../rights/schemas';
import { epochSecondsAfter, UNPROVEN_REQUEST_RETENTION_DAYS } from '../../privacy/retention';
import { auditEntryPut } from './audit-trail';
import { updateIf } from './conditional';
import { ISO_INSTANT, queryPage } from './paging';
import { transactWrite } from './transactions';

// A rights request's item (DATA-MODEL.md, "Privacy rights requests"). Its `type` attribute names
// the item kind, as on every item; the request's own type is `rightsType`.
const requestKey = (requestId: string) => ({ PK: `RIGHTS#${requestId}`, SK: 'REQUEST' });
/** GSI1: the person's requests, by receipt. */
const personEntry = ({ emailHash, createdAt }: RightsRequest) => ({ GSI1PK: `PERSON#${emailHash}`, GSI1SK: `RIGHTS#${createdAt}` });
/** GSI2: the requests of a status, by due date (fulfilment takes `verified` ones; deadlines watch the open ones). */
const statusListing = (status: RightsStatus) => `RIGHTS#${status}`;
const statusSortKey = (dueAt: string, requestId: string) => `${dueAt}#${requestId}`;
const statusEntry = ({ status, dueAt, requestId }: RightsRequest) => ({ GSI2PK: statusListing(status), GSI2SK: statusSortKey(dueAt, requestId) });
/** A status listing's sort key, as a cursor may carry it. */
const STATUS_SORT_KEY = new RegExp(`^${ISO_INSTANT}#${idShape(RIGHTS_REQUEST_ID_PREFIX).source.slice(1)}`);
// A request still owed an answer (a condition's values `:owed0`, `:owed1`, …).
const OWED_CONDITION = `#status IN (${ANSWER_OWED_STATUSES.map((_, n) => `:owed${n}`).join(', ')})`;
const OWED_VALUES = Object.fromEntries(ANSWER_OWED_STATUSES.map((status, n) => [`:owed${n}`, status]));

/**
 * What ties a request to its requester: dropped when the request erased them. Its id, type,
 * status, dates and the digest of its random request token stay (the requester may still follow it).
 */
const REQUESTER_FIELDS = ['email', 'emailHash', 'GSI1PK', 'GSI1SK', 'details', 'corrections', 'accountId', 'extensionReason'] as const;

/** When a listed request entered the status the re-drive looks for it in. */
const enteredAt: Record<StalledStatus, 'verifiedAt' | 'startedAt'> = { verified: 'verifiedAt', in_progress: 'startedAt' };

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** When an unproven request goes (TTL), counted from `from`. */
const unprovenExpiry = (from: string) => epochSecondsAfter(from, UNPROVEN_REQUEST_RETENTION_DAYS);

const toRightsRequest = (item: Record<string, unknown>): RightsRequest => {
  // The item's `type` is its kind; the request's own type is stored as `rightsType`.
  const { PK: _pk, SK: _sk, type: _kind, GSI1PK: _g1pk, GSI1SK: _g1sk, GSI2PK: _g2pk, GSI2SK: _g2sk, expiresAtEpoch: _ttl, rightsType: type, ...request } = item;
  return { ...request, type } as unknown as RightsRequest;
};

/** The RightsRequestStore on DynamoDB: one item per request, its code counted and settled by conditional updates. */
export class DynamoRightsRequestStore implements RightsRequestStore, RightsDeadlineStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(request: RightsRequest): Promise<void> {
    const { type, ...fields } = request;
    const filer = filerOf(request);
    const failed = await transactWrite(this.client, {
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...requestKey(request.requestId),
              type: 'rights_request',
              rightsType: type,
              ...fields,
              ...personEntry(request),
              ...statusEntry(request),
              // Until proven, it expires (TTL); proving it removes the expiry.
              ...(request.status === 'pending_verification' ? { expiresAtEpoch: unprovenExpiry(request.createdAt) } : {}),
            },
            // A new id every time: a clash would be a bug, never an overwrite.
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        this.auditPut(request.requestId, 'received', filer, request.createdAt),
        ...(request.status === 'verified' ? [this.auditPut(request.requestId, 'verified', filer, request.verifiedAt ?? request.createdAt)] : []),
      ],
    });
    if (failed.length > 0) throw new Error('A new rights request id clashed with a stored one');
  }

  async get(requestId: string): Promise<RightsRequest | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: requestKey(requestId), ConsistentRead: true }));
    return Item ? toRightsRequest(Item) : undefined;
  }

  async countCodeAttempt(requestId: string, maxAttempts: number): Promise<RightsRequest | undefined> {
    const counted = await updateIf(this.client, {
      TableName: this.tableName,
      Key: requestKey(requestId),
      UpdateExpression: 'SET pendingCode.attempts = pendingCode.attempts + :one',
      ConditionExpression: 'attribute_exists(pendingCode) AND pendingCode.attempts < :max AND #status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts, ':pending': 'pending_verification' },
      ReturnValues: 'ALL_NEW',
    });
    return counted === false ? undefined : toRightsRequest(counted);
  }

  async settleVerification(requestId: string, codeHash: string, outcome: 'verified' | 'rejected', settledAt: string): Promise<boolean> {
    return this.changeStatus({
      Update: {
        TableName: this.tableName,
        Key: requestKey(requestId),
        // Proven, it is kept (no expiry); rejected, it expires as long after its rejection as an unproven one after filing.
        UpdateExpression:
          outcome === 'verified'
            ? 'SET #status = :outcome, GSI2PK = :listing, verifiedAt = :at REMOVE pendingCode, expiresAtEpoch'
            : 'SET #status = :outcome, GSI2PK = :listing, rejectedAt = :at, expiresAtEpoch = :ttl REMOVE pendingCode',
        ConditionExpression: 'pendingCode.codeHash = :hash AND #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':outcome': outcome,
          ':listing': statusListing(outcome),
          ':at': settledAt,
          ':hash': codeHash,
          ':pending': 'pending_verification',
          ...(outcome === 'rejected' ? { ':ttl': unprovenExpiry(settledAt) } : {}),
        },
      },
      // Only its code settles a request awaiting one: its requester proved (or failed to prove) it.
      audit: this.auditPut(requestId, outcome, { kind: 'requester' }, settledAt),
    });
  }

  async beginFulfilment(requestId: string, startedAt: string): Promise<RightsRequest | undefined> {
    // Moved now, or already started (a redelivery, or a resumption after a crash): carry on with it.
    await this.changeStatus({
      Update: {
        TableName: this.tableName,
        Key: requestKey(requestId),
        UpdateExpression: 'SET #status = :progress, GSI2PK = :listing, startedAt = :at',
        // A held erasure is resumed the same way once its hold ended.
        ConditionExpression: '#status IN (:verified, :onHold)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':progress': 'in_progress', ':listing': statusListing('in_progress'), ':at': startedAt, ':verified': 'verified', ':onHold': 'on_hold' },
      },
      audit: this.auditPut(requestId, 'fulfilment-started', FULFILMENT_ACTOR, startedAt),
    });
    const current = await this.get(requestId);
    return current?.status === 'in_progress' ? current : undefined;
  }

  async holdForLegalHold(requestId: string, at: string): Promise<boolean> {
    return this.changeStatus({
      Update: {
        TableName: this.tableName,
        Key: requestKey(requestId),
        UpdateExpression: 'SET #status = :onHold, GSI2PK = :listing, heldAt = :at, #result = :result',
        ConditionExpression: '#status = :progress',
        ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
        ExpressionAttributeValues: { ':onHold': 'on_hold', ':listing': statusListing('on_hold'), ':at': at, ':result': LEGAL_HOLD_RESULT, ':progress': 'in_progress' },
      },
      audit: this.auditPut(requestId, 'put-on-legal-hold', FULFILMENT_ACTOR, at),
    });
  }

  async complete(requestId: string, { result, completedAt, forgetRequester }: { result?: Record<string, unknown>; completedAt: string; forgetRequester: boolean }): Promise<boolean> {
    const sets = ['#status = :completed', 'GSI2PK = :listing', 'completedAt = :at', ...(result ? ['#result = :result'] : [])];
    return this.changeStatus({
      Update: {
        TableName: this.tableName,
        Key: requestKey(requestId),
        UpdateExpression: `SET ${sets.join(', ')}${forgetRequester ? ` REMOVE ${REQUESTER_FIELDS.join(', ')}` : ''}`,
        ConditionExpression: '#status = :progress',
        ExpressionAttributeNames: { '#status': 'status', ...(result ? { '#result': 'result' } : {}) },
        ExpressionAttributeValues: {
          ':completed': 'completed',
          ':listing': statusListing('completed'),
          ':at': completedAt,
          ':progress': 'in_progress',
          ...(result ? { ':result': result } : {}),
        },
      },
      audit: this.auditPut(requestId, 'completed', FULFILMENT_ACTOR, completedAt),
    });
  }

  async stalled(status: StalledStatus, before: Date, limit: number): Promise<string[]> {
    const found: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    // The listing is by due date, not by when a request entered it: the filter picks the stalled
    // ones (and those not re-queued since `before`). It holds only requests in flight: a short walk.
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :listing',
          FilterExpression: '#entered < :before AND (attribute_not_exists(requeuedAt) OR requeuedAt < :before)',
          ExpressionAttributeNames: { '#entered': enteredAt[status] },
          ExpressionAttributeValues: { ':listing': statusListing(status), ':before': before.toISOString() },
          ProjectionExpression: 'requestId',
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(page.Items ?? []).map((item) => item.requestId as string));
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length < limit);
    return found.slice(0, limit);
  }

  async noteRequeued(requestId: string, requeuedAt: string): Promise<void> {
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: requestKey(requestId),
      UpdateExpression: 'SET requeuedAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': requeuedAt },
    });
  }

  private auditPut(requestId: string, action: string, actor: Actor, at: string): TransactItem {
    return { Put: auditEntryPut(this.tableName, { subject: rightsRequestSubject(requestId), action, actor, at }) };
  }

  // A status change and its audit entry commit together; false when the change's condition did not hold.
  private async changeStatus({ Update, audit }: { Update: TransactItem['Update']; audit: TransactItem }): Promise<boolean> {
    const failed = await transactWrite(this.client, { TransactItems: [{ Update }, audit] });
    return failed.length === 0;
  }

  // The deadlines (shared/rights/deadlines.ts): listings by due date, and changes that commit
  // with their audit entry.

  listByStatus(status: RightsStatus, due: DueSelection | undefined, page: PageRequest): Promise<Page<RightsRequest>> {
    const listing = statusListing(status);
    const before = due && 'before' in due ? due.before : undefined;
    const notBefore = due && 'notBefore' in due ? due.notBefore : undefined;
    return queryPage(
      this.client,
      {
        input: {
          TableName: this.tableName,
          IndexName: 'GSI2',
          // Past due: a range of the listing. Not yet due: the few past due come first, skipped.
          KeyConditionExpression: before === undefined ? 'GSI2PK = :listing' : 'GSI2PK = :listing AND GSI2SK < :before',
          ...(notBefore === undefined ? {} : { FilterExpression: 'dueAt >= :notBefore' }),
          ExpressionAttributeValues: { ':listing': listing, ...(before === undefined ? {} : { ':before': before }), ...(notBefore === undefined ? {} : { ':notBefore': notBefore }) },
        },
        // A cursor continues within the range the key condition reads, else DynamoDB refuses the start key.
        sortKeyPattern: { test: (sortKey) => STATUS_SORT_KEY.test(sortKey) && (before === undefined || sortKey < before) },
        index: { sortKey: 'GSI2SK', keyAt: (sortKey) => ({ GSI2PK: listing, GSI2SK: sortKey, ...requestKey(sortKey.slice(sortKey.indexOf('#') + 1)) }) },
      },
      page,
      toRightsRequest,
    );
  }

  async markOverdue(requestId: string, dueAt: string, audit: AuditEntry): Promise<boolean> {
    return this.changeAudited(
      {
        Key: requestKey(requestId),
        UpdateExpression: 'SET overdueAt = :at',
        ConditionExpression: `${OWED_CONDITION} AND dueAt = :dueAt AND attribute_not_exists(overdueAt)`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':at': audit.at, ':dueAt': dueAt, ...OWED_VALUES },
      },
      audit,
    );
  }

  async rejectUnverified(requestId: string, audit: AuditEntry): Promise<boolean> {
    return this.changeAudited(
      {
        Key: requestKey(requestId),
        UpdateExpression: 'SET #status = :rejected, GSI2PK = :listing, rejectedAt = :at REMOVE pendingCode',
        ConditionExpression: '#status = :pending AND pendingCode.codeExpiresAt < :at',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':rejected': 'rejected', ':listing': statusListing('rejected'), ':at': audit.at, ':pending': 'pending_verification' },
      },
      audit,
    );
  }

  async extend(requestId: string, { previousDueAt, dueAt, reason }: { previousDueAt: string; dueAt: string; reason: string }, audit: AuditEntry): Promise<boolean> {
    return this.changeAudited(
      {
        Key: requestKey(requestId),
        UpdateExpression: 'SET dueAt = :dueAt, GSI2SK = :sortKey, extendedAt = :at, extensionReason = :reason',
        ConditionExpression: `${OWED_CONDITION} AND attribute_not_exists(extendedAt) AND dueAt = :previous AND dueAt >= :at`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':dueAt': dueAt,
          ':sortKey': statusSortKey(dueAt, requestId),
          ':at': audit.at,
          ':reason': reason,
          ':previous': previousDueAt,
          ...OWED_VALUES,
        },
      },
      audit,
    );
  }

  /** A conditional update of a request and the Put of its audit entry, in one transaction: false when the update's condition failed. */
  private async changeAudited(
    update: { Key: Record<string, string>; UpdateExpression: string; ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> },
    audit: AuditEntry,
  ): Promise<boolean> {
    const failed = await transactWrite(this.client, {
      TransactItems: [{ Update: { TableName: this.tableName, ...update } }, { Put: auditEntryPut(this.tableName, audit) }],
    });
    return failed.length === 0;
  }
}
