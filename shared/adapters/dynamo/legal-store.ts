import { GetCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../audit/trail';
import { idShape } from '../../ids';
import type { HeldFaxRef, HeldFaxStore, HoldIdentities, LegalHold, LegalHolds, LegalMove, LegalRequestStore } from '../../legal/ports';
import type { FaxHoldState, LegalRequest, LegalStatus } from '../../legal/request';
import { LEGAL_REQUEST_ID_PREFIX } from '../../legal/schemas';
import type { Page, PageRequest } from '../../pages';
import { epochSecondsAfter } from '../../privacy/retention';
import { LEGAL_REQUEST_RETENTION_YEARS } from '../../legal/rules';
import { auditEntryPut } from './audit-trail';
import { updateIf } from './conditional';
import { expiryOf } from './fax-stores';
import { ISO_INSTANT, queryPage } from './paging';
import { transactWrite } from './transactions';

// Legal requests and their holds (DATA-MODEL.md, "Legal requests and holds"). The request is one
// item; each identity of its subject (the account, the email's digest) carries a hold item under
// its own partition, so a check of a person's holds is one Query per identity, never a scan.

const requestKey = (legalRequestId: string) => ({ PK: `LEGAL#${legalRequestId}`, SK: 'REQUEST' });
/** GSI2: the requests of a status, by receipt. */
const statusListing = (status: LegalStatus) => `LEGAL#${status}`;
/** GSI1: the requests whose hold may be in force (all, until a closed one's hold is released). */
const HOLDS_LISTING = 'LEGALHOLDS';
const sortKeyOf = ({ receivedAt, legalRequestId }: Pick<LegalRequest, 'receivedAt' | 'legalRequestId'>) => `${receivedAt}#${legalRequestId}`;
const SORT_KEY = new RegExp(`^${ISO_INSTANT}#${idShape(LEGAL_REQUEST_ID_PREFIX).source.slice(1)}`);
const requestIdOf = (sortKey: string) => sortKey.slice(sortKey.indexOf('#') + 1);

/** The partition of a hold on one identity: `LEGALHOLD#account:<id>` or `LEGALHOLD#email:<digest>`. */
const holdPartitions = ({ accountId, emailHash }: HoldIdentities): string[] => [
  ...(accountId === undefined ? [] : [`LEGALHOLD#account:${accountId}`]),
  ...(emailHash === undefined ? [] : [`LEGALHOLD#email:${emailHash}`]),
];
const holdKey = (partition: string, legalRequestId: string) => ({ PK: partition, SK: `LEGAL#${legalRequestId}` });

const INTERNAL = ['PK', 'SK', 'type', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'holdPartitions', 'expiresAtEpoch'];
const toLegalRequest = (item: Record<string, unknown>): LegalRequest =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !INTERNAL.includes(name))) as unknown as LegalRequest;

const isInForce = (holdEndsAt: unknown, at: string) => holdEndsAt === undefined || (typeof holdEndsAt === 'string' && holdEndsAt > at);

export class DynamoLegalRequestStore implements LegalRequestStore, LegalHolds {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(request: LegalRequest, holds: HoldIdentities, audit: readonly AuditEntry[]): Promise<void> {
    const partitions = holdPartitions(holds);
    const { legalRequestId, scope } = request;
    // The record, and its holds, go after the retention period (TTL; ended holds long before matter no more).
    const expiresAtEpoch = epochSecondsAfter(request.receivedAt, LEGAL_REQUEST_RETENTION_YEARS * 365);
    const failed = await transactWrite(this.client, {
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...requestKey(legalRequestId),
              type: 'legal_request',
              ...request,
              holdPartitions: partitions,
              expiresAtEpoch,
              GSI1PK: HOLDS_LISTING,
              GSI1SK: sortKeyOf(request),
              GSI2PK: statusListing(request.status),
              GSI2SK: sortKeyOf(request),
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...partitions.map((partition) => ({
          Put: {
            TableName: this.tableName,
            Item: { ...holdKey(partition, legalRequestId), type: 'legal_hold', legalRequestId, categories: scope.categories, from: scope.from, to: scope.to, expiresAtEpoch },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        })),
        ...audit.map((entry) => ({ Put: auditEntryPut(this.tableName, entry) })),
      ],
    });
    // Ids are new ULIDs: a clash is a fault, not a client's mistake.
    if (failed.length > 0) throw new Error('a new legal request collided with a stored one');
  }

  async get(legalRequestId: string): Promise<LegalRequest | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: requestKey(legalRequestId), ConsistentRead: true }));
    return Item ? toLegalRequest(Item) : undefined;
  }

  async move(legalRequestId: string, { from, to, changes, audit }: LegalMove): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: requestKey(legalRequestId), ProjectionExpression: 'holdPartitions', ConsistentRead: true }),
    );
    if (!Item) return false;
    const fields = Object.entries(changes).filter(([, value]) => value !== undefined);
    const names = Object.fromEntries(fields.map(([name], n) => [`#f${n}`, name]));
    const values = Object.fromEntries(fields.map(([, value], n) => [`:f${n}`, value]));
    const sets = fields.map((_, n) => `#f${n} = :f${n}`);
    // A hold's end follows its request's, in the same transaction.
    const holdUpdates =
      changes.holdEndsAt === undefined
        ? []
        : ((Item.holdPartitions as string[] | undefined) ?? []).map((partition) => ({
            Update: {
              TableName: this.tableName,
              Key: holdKey(partition, legalRequestId),
              UpdateExpression: 'SET holdEndsAt = :ends',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':ends': changes.holdEndsAt },
            },
          }));
    const failed = await transactWrite(this.client, {
      TransactItems: [
        {
          Update: {
            TableName: this.tableName,
            Key: requestKey(legalRequestId),
            UpdateExpression: `SET ${['#status = :to', 'GSI2PK = :listing', ...sets].join(', ')}`,
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status', ...names },
            ExpressionAttributeValues: { ':to': to, ':from': from, ':listing': statusListing(to), ...values },
          },
        },
        ...holdUpdates,
        { Put: auditEntryPut(this.tableName, audit) },
      ],
    });
    return failed.length === 0;
  }

  listByStatus(status: LegalStatus, page: PageRequest): Promise<Page<LegalRequest>> {
    const listing = statusListing(status);
    return queryPage(
      this.client,
      {
        input: { TableName: this.tableName, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :listing', ExpressionAttributeValues: { ':listing': listing } },
        sortKeyPattern: SORT_KEY,
        index: { sortKey: 'GSI2SK', keyAt: (sortKey) => ({ GSI2PK: listing, GSI2SK: sortKey, ...requestKey(requestIdOf(sortKey)) }) },
      },
      page,
      toLegalRequest,
    );
  }

  listHolds(at: string, page: PageRequest): Promise<Page<LegalRequest>> {
    return this.holdsPage(page, { FilterExpression: 'attribute_not_exists(holdEndsAt) OR holdEndsAt > :at', ExpressionAttributeValues: { ':holds': HOLDS_LISTING, ':at': at } });
  }

  listAllHolds(page: PageRequest): Promise<Page<LegalRequest>> {
    return this.holdsPage(page, { ExpressionAttributeValues: { ':holds': HOLDS_LISTING } });
  }

  async markFaxHolds(legalRequestId: string, from: FaxHoldState, to: FaxHoldState): Promise<boolean> {
    const updated = await updateIf(this.client, {
      TableName: this.tableName,
      Key: requestKey(legalRequestId),
      UpdateExpression: 'SET faxHolds = :to',
      ConditionExpression: 'faxHolds = :from',
      ExpressionAttributeValues: { ':to': to, ':from': from },
    });
    return updated !== false;
  }

  private holdsPage(page: PageRequest, filter: { FilterExpression?: string; ExpressionAttributeValues: Record<string, string> }): Promise<Page<LegalRequest>> {
    return queryPage(
      this.client,
      {
        input: { TableName: this.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :holds', ...filter },
        sortKeyPattern: SORT_KEY,
        index: { sortKey: 'GSI1SK', keyAt: (sortKey) => ({ GSI1PK: HOLDS_LISTING, GSI1SK: sortKey, ...requestKey(requestIdOf(sortKey)) }) },
      },
      page,
      toLegalRequest,
    );
  }

  /** The junk-fax reports of a sender number (its partition's `REPORT#` range), page by page: a production's reports about its subject. */
  async *reportsAbout(faxNumber: string): AsyncGenerator<readonly Record<string, unknown>[]> {
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :report)',
        ExpressionAttributeValues: { ':pk': `SENDER#${faxNumber}`, ':report': 'REPORT#' },
        ConsistentRead: true,
      },
    );
    for await (const { Items = [] } of pages) yield Items;
  }

  async holdsOn(identities: HoldIdentities, at: string): Promise<LegalHold[]> {
    const holds: LegalHold[] = [];
    for (const partition of holdPartitions(identities)) {
      const pages = paginateQuery(
        { client: this.client },
        { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': partition }, ConsistentRead: true },
      );
      for await (const { Items = [] } of pages) {
        for (const { legalRequestId, categories, from, to, holdEndsAt } of Items) {
          if (isInForce(holdEndsAt, at)) holds.push({ legalRequestId, categories, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(holdEndsAt ? { holdEndsAt } : {}) });
        }
      }
    }
    return holds;
  }
}

const faxKey = (accountId: string, faxId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `FAX#${faxId}` });

/**
 * The held faxes on DynamoDB (DATA-MODEL.md, "Legal requests and holds"): a held fax item carries
 * `legalHolds` (a string set of the requests holding it) and neither `expiresAtEpoch` nor its
 * expiry index entry, so neither TTL nor the sweep reaches it; the last release puts both back.
 */
export class DynamoHeldFaxes implements HeldFaxStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async *faxesOf(accountId: string): AsyncGenerator<readonly HeldFaxRef[]> {
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :fax)',
        ProjectionExpression: 'faxId, receivedAt, expiresAt, documentKey, legalHolds',
        ExpressionAttributeValues: { ':pk': `ACCOUNT#${accountId}`, ':fax': 'FAX#' },
        ConsistentRead: true,
      },
    );
    for await (const { Items = [] } of pages) {
      yield Items.map(({ legalHolds, ...fax }) => ({ ...(fax as Omit<HeldFaxRef, 'legalHolds'>), ...(legalHolds instanceof Set ? { legalHolds: [...(legalHolds as Set<string>)] } : {}) }));
    }
  }

  async hold(accountId: string, { faxId }: HeldFaxRef, legalRequestId: string): Promise<void> {
    // A fax deleted or swept meanwhile is nothing to hold (the condition keeps it from coming back as a stub).
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: faxKey(accountId, faxId),
      UpdateExpression: 'ADD legalHolds :request REMOVE expiresAtEpoch, GSI1PK, GSI1SK',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':request': new Set([legalRequestId]) },
    });
  }

  async release(accountId: string, { faxId, expiresAt }: HeldFaxRef, legalRequestId: string): Promise<boolean> {
    const { GSI1PK, GSI1SK, expiresAtEpoch } = expiryOf({ faxId, expiresAt });
    const remaining = await updateIf(this.client, {
      TableName: this.tableName,
      Key: faxKey(accountId, faxId),
      UpdateExpression: 'DELETE legalHolds :request',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':request': new Set([legalRequestId]) },
      ReturnValues: 'ALL_NEW',
    });
    if (remaining === false) return false;
    if (remaining.legalHolds !== undefined) return false;
    // The last hold gone (DynamoDB drops an emptied set): its TTL and expiry entry back, unless a new hold came meanwhile.
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: faxKey(accountId, faxId),
      UpdateExpression: 'SET expiresAtEpoch = :ttl, GSI1PK = :pk, GSI1SK = :sk',
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(legalHolds)',
      ExpressionAttributeValues: { ':ttl': expiresAtEpoch, ':pk': GSI1PK, ':sk': GSI1SK },
    });
    return true;
  }
}
