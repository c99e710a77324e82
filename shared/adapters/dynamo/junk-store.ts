import { GetCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../audit/trail';
import { E164_SOURCE } from '../../e164';
import {
  caseToJoin,
  distinctPeople,
  openingCase,
  DISTINCT_REPORTERS_WINDOW_MS,
  placeReporter,
  reassignedCaseClosure,
  type FiledReport,
  type JunkCase,
  type JunkCaseStatus,
  type JunkReport,
  type ReporterIdentity,
  type ReporterWindow,
} from '../../junk/case';
import type { Filed, JunkReportStore } from '../../junk/ports';
import type { Page, PageRequest } from '../../pages';
import { epochSecondsAfter, JUNK_REPORT_RETENTION_DAYS } from '../../privacy/retention';
import { accountKey } from './account-store';
import { auditEntryPut } from './audit-trail';
import { getByKeys } from './batch-get';
import { updateIf } from './conditional';
import { queryPage } from './paging';
import { transactWrite } from './transactions';

// Junk-fax reports (DATA-MODEL.md, "Junk-fax reports"): everything about one sender number sits in
// its partition: the current case, the reports, and one window item per reporter identity.
const senderPartition = (faxNumber: string) => `SENDER#${faxNumber}`;
const caseKey = (faxNumber: string) => ({ PK: senderPartition(faxNumber), SK: 'CASE' });
const reportKey = (faxNumber: string, reportId: string) => ({ PK: senderPartition(faxNumber), SK: `REPORT#${reportId}` });
const REPORTER_PREFIX = 'REPORTER#';
const reporterKey = (faxNumber: string, key: string) => ({ PK: senderPartition(faxNumber), SK: `${REPORTER_PREFIX}${key}` });
/** GSI1: a case by its id (the admin routes name it). */
const caseIdEntry = (caseId: string) => `JUNKCASE#${caseId}`;
/** GSI2: the cases of a status, latest report first. */
const statusListing = (status: JunkCaseStatus) => `JUNKCASE#${status}`;
const listingSortKey = (lastReportedAt: string, faxNumber: string) => `${lastReportedAt}#${faxNumber}`;
const LISTING_SORT_KEY = new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#(${E164_SOURCE})$`);
/** GSI1: the reports a person filed: a customer's by account, anyone else's by their email's digest. */
const reporterEntryOf = (reporter: ReporterIdentity) => ('accountId' in reporter ? `JUNKREPORTER#${reporter.accountId}` : `PERSON#${reporter.emailHash}`);

/**
 * What ties a report to its reporter: removed when the reporter is erased (the free text may name
 * them too; the number the fax reached is theirs, and so is the fax of their inbox it names).
 */
const REPORTER_FIELDS = ['reporterName', 'reporterEmail', 'reporterEmailHash', 'reporterAccountId', 'reporterKey', 'description', 'recipientFaxNumber', 'faxId', 'GSI1PK', 'GSI1SK'] as const;

/** Passes of reading the case and writing on condition, enough for a burst of racing reports; the report then fails (500) and may be retried. */
const FILING_PASSES = 8;

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

const toCase = (item: Record<string, unknown>): JunkCase => {
  const { PK: _pk, SK: _sk, type: _kind, GSI1PK: _g1pk, GSI1SK: _g1sk, GSI2PK: _g2pk, GSI2SK: _g2sk, distinctCountedAt: _counted, ...junkCase } = item;
  return junkCase as unknown as JunkCase;
};

// Items written before identities were linked name no person: each was its own.
const windowOf = (item: Record<string, unknown> | undefined): ReporterWindow | undefined =>
  item
    ? { personKey: (item.personKey as string | undefined) ?? String(item.SK).slice(REPORTER_PREFIX.length), countedCaseId: item.countedCaseId as string, lastCountedAt: item.lastCountedAt as string }
    : undefined;

const toFiledReport = (item: Record<string, unknown>): FiledReport => {
  const fields = ['reportId', 'senderFaxNumber', 'recipientFaxNumber', 'receivedAt', 'remoteStationId', 'faxId', 'description', 'reporterName', 'reporterEmail', 'counted', 'createdAt'];
  return Object.fromEntries(fields.filter((field) => item[field] !== undefined).map((field) => [field, item[field]])) as unknown as FiledReport;
};

/** A transaction's check that a reporting customer's account still takes data: it exists, its removal not begun (deactivated customers may report). */
const reporterTakesData = (tableName: string, accountId: string) => ({
  ConditionCheck: { TableName: tableName, Key: accountKey(accountId), ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(removal)' },
});

/** The JunkReportStore on DynamoDB: a report, its reporter's window and its case change in one transaction. */
export class DynamoJunkReportStore implements JunkReportStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async currentCase(faxNumber: string): Promise<JunkCase | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: caseKey(faxNumber), ConsistentRead: true }));
    return Item ? toCase(Item) : undefined;
  }

  private reportPut(report: JunkReport, caseId: string, counted: boolean) {
    const { reporter, ...fields } = report;
    const identity: ReporterIdentity | undefined = reporter.accountId ? { accountId: reporter.accountId } : reporter.emailHash ? { emailHash: reporter.emailHash } : undefined;
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...reportKey(report.senderFaxNumber, report.reportId),
          type: 'junk_report',
          ...fields,
          caseId,
          counted,
          reporterKey: reporter.key,
          ...(reporter.accountId ? { reporterAccountId: reporter.accountId } : {}),
          ...(reporter.emailHash ? { reporterEmailHash: reporter.emailHash } : {}),
          ...(identity ? { GSI1PK: reporterEntryOf(identity), GSI1SK: `REPORT#${report.createdAt}` } : {}),
          expiresAtEpoch: epochSecondsAfter(report.createdAt, JUNK_REPORT_RETENTION_DAYS),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  // An identity's window, stamped with its person and last count on condition that it is still as
  // read: a racing report through the same identity sends this one round again.
  private windowUpdate(report: JunkReport, identity: string, read: Record<string, unknown> | undefined, window: ReporterWindow) {
    const keptUntil = new Date(Date.parse(window.lastCountedAt) + DISTINCT_REPORTERS_WINDOW_MS).toISOString();
    const asRead = read
      ? {
        ConditionExpression: `lastCountedAt = :readAt AND countedCaseId = :readCase AND ${read.personKey === undefined ? 'attribute_not_exists(personKey)' : 'personKey = :readPerson'}`,
        values: { ':readAt': read.lastCountedAt, ':readCase': read.countedCaseId, ...(read.personKey === undefined ? {} : { ':readPerson': read.personKey }) },
      }
      : { ConditionExpression: 'attribute_not_exists(PK)', values: {} };
    return {
      Update: {
        TableName: this.tableName,
        Key: reporterKey(report.senderFaxNumber, identity),
        UpdateExpression: 'SET #type = :type, lastCountedAt = :at, countedCaseId = :caseId, personKey = :person, expiresAt = :until, expiresAtEpoch = :untilEpoch',
        ConditionExpression: asRead.ConditionExpression,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'junk_reporter',
          ':at': window.lastCountedAt,
          ':caseId': window.countedCaseId,
          ':person': window.personKey,
          ':until': keptUntil,
          ':untilEpoch': epochSeconds(keptUntil),
          ...asRead.values,
        },
      },
    };
  }

  // The report joins the sender's live case, still the one read.
  private continueCase(report: JunkReport, junkCase: JunkCase, counted: boolean) {
    return {
      Update: {
        TableName: this.tableName,
        Key: caseKey(report.senderFaxNumber),
        UpdateExpression: 'SET lastReportedAt = :at, GSI2SK = :listed ADD reportCount :counted',
        ConditionExpression: 'caseId = :caseId AND #status <> :dismissed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':at': report.createdAt,
          ':listed': listingSortKey(report.createdAt, report.senderFaxNumber),
          ':counted': counted ? 1 : 0,
          ':caseId': junkCase.caseId,
          ':dismissed': 'dismissed',
        },
      },
    };
  }

  // A new case: the sender's first, or the next after a dismissal or a change of the number's
  // holder (the audit trail keeps either); the case replaced is still the one read.
  private openCase(report: JunkReport, opened: JunkCase, replacing: JunkCase | undefined) {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...caseKey(report.senderFaxNumber),
          type: 'junk_case',
          ...opened,
          GSI1PK: caseIdEntry(opened.caseId),
          GSI1SK: 'CASE',
          GSI2PK: statusListing('open'),
          GSI2SK: listingSortKey(report.createdAt, report.senderFaxNumber),
        },
        ...(replacing
          ? { ConditionExpression: 'caseId = :caseId', ExpressionAttributeValues: { ':caseId': replacing.caseId } }
          : { ConditionExpression: 'attribute_not_exists(PK)' }),
      },
    };
  }

  async file(report: JunkReport, rules: { countedSince: string; linkedSince: string; newCaseId: string; accountId?: string; reporterAccountId?: string }): Promise<Filed | undefined> {
    const { identities } = report.reporter;
    // Each pass reads the case and the reporter's windows, then writes on condition that they are
    // still as read: a concurrent report that changed one first sends this one round again.
    for (let pass = 1; pass <= FILING_PASSES; pass += 1) {
      const current = await this.currentCase(report.senderFaxNumber);
      const live = caseToJoin(current, rules.accountId);
      const caseId = live?.caseId ?? rules.newCaseId;
      const read = await getByKeys(this.client, this.tableName, identities.map((identity) => reporterKey(report.senderFaxNumber, identity)));
      const { counted, window } = placeReporter(report.reporter, read.map(windowOf), { caseId, countedSince: rules.countedSince, linkedSince: rules.linkedSince, at: report.createdAt });
      const opened = openingCase(report, caseId, rules.accountId, counted);
      const closure = reassignedCaseClosure(current, rules.accountId, report.createdAt);
      const items = [
        this.reportPut(report, caseId, counted),
        live ? this.continueCase(report, live, counted) : this.openCase(report, opened, current),
        ...identities.map((identity, index) => this.windowUpdate(report, identity, read[index], window)),
        ...(closure ? [{ Put: auditEntryPut(this.tableName, closure) }] : []),
      ];
      const reporterCheck = rules.reporterAccountId === undefined ? [] : [reporterTakesData(this.tableName, rules.reporterAccountId)];
      const failed = await transactWrite(this.client, { TransactItems: [...items, ...reporterCheck] });
      if (reporterCheck.length > 0 && failed.includes(items.length)) return undefined;
      if (failed.length === 0) {
        const junkCase = live ? await this.currentCase(report.senderFaxNumber) : opened;
        if (!junkCase) throw new Error('a junk-fax case vanished after its report was filed');
        return { counted, junkCase };
      }
    }
    throw new Error(`a junk-fax report could not be filed in ${FILING_PASSES} passes: its case or its reporter kept changing`);
  }

  async distinctReporters(senderFaxNumber: string, caseId: string, since: string): Promise<number> {
    const windows: ReporterWindow[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :reporters)',
          FilterExpression: 'countedCaseId = :caseId AND lastCountedAt > :since',
          ProjectionExpression: 'SK, personKey, countedCaseId, lastCountedAt',
          ExpressionAttributeValues: { ':pk': senderPartition(senderFaxNumber), ':reporters': REPORTER_PREFIX, ':caseId': caseId, ':since': since },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      windows.push(...(page.Items ?? []).flatMap((item) => windowOf(item) ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return distinctPeople(windows, caseId, since);
  }

  async recordDistinct(
    senderFaxNumber: string,
    caseId: string,
    count: { distinctReporters: number; countedAt: string; at: string; escalate: boolean },
  ): Promise<{ junkCase?: JunkCase; escalatedNow: boolean }> {
    // A later-begun count wins; of two begun at one instant, the larger (it saw more of the racing reports).
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: caseKey(senderFaxNumber),
      UpdateExpression: 'SET distinctReporters = :n, distinctCountedAt = :at',
      ConditionExpression: 'caseId = :caseId AND (attribute_not_exists(distinctCountedAt) OR distinctCountedAt < :at OR (distinctCountedAt = :at AND distinctReporters < :n))',
      ExpressionAttributeValues: { ':n': count.distinctReporters, ':at': count.countedAt, ':caseId': caseId },
    });
    // Only an open case escalates: of reports racing past the threshold, exactly one does.
    const escalated = count.escalate
      ? await updateIf(this.client, {
        TableName: this.tableName,
        Key: caseKey(senderFaxNumber),
        UpdateExpression: 'SET #status = :escalated, escalatedAt = :at, GSI2PK = :listing',
        ConditionExpression: 'caseId = :caseId AND #status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':escalated': 'escalated', ':open': 'open', ':at': count.at, ':listing': statusListing('escalated'), ':caseId': caseId },
        })
      : false;
    const junkCase = await this.currentCase(senderFaxNumber);
    return { ...(junkCase?.caseId === caseId ? { junkCase } : {}), escalatedNow: escalated !== false };
  }

  async markNotified(senderFaxNumber: string, caseId: string, at: string): Promise<void> {
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: caseKey(senderFaxNumber),
      UpdateExpression: 'SET notifiedAt = :at',
      ConditionExpression: 'caseId = :caseId AND attribute_not_exists(notifiedAt)',
      ExpressionAttributeValues: { ':at': at, ':caseId': caseId },
    });
  }

  list(status: JunkCaseStatus, page: PageRequest): Promise<Page<JunkCase>> {
    const listing = statusListing(status);
    return queryPage(
      this.client,
      {
        input: { TableName: this.tableName, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :status', ExpressionAttributeValues: { ':status': listing }, ScanIndexForward: false },
        sortKeyPattern: LISTING_SORT_KEY,
        index: {
          sortKey: 'GSI2SK',
          keyAt: (sortKey) => ({ GSI2PK: listing, GSI2SK: sortKey, ...caseKey(LISTING_SORT_KEY.exec(sortKey)![1]) }),
        },
      },
      page,
      toCase,
    );
  }

  async getCase(caseId: string): Promise<JunkCase | undefined> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({ TableName: this.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :case', ExpressionAttributeValues: { ':case': caseIdEntry(caseId) } }),
    );
    const sender = Items[0]?.senderFaxNumber;
    if (typeof sender !== 'string') return undefined;
    // The index may trail: the case item itself says whether it is still this case.
    const junkCase = await this.currentCase(sender);
    return junkCase?.caseId === caseId ? junkCase : undefined;
  }

  async dismiss(junkCase: JunkCase, audit: AuditEntry): Promise<boolean> {
    const failed = await transactWrite(this.client, {
      TransactItems: [
        {
          Update: {
            TableName: this.tableName,
            Key: caseKey(junkCase.senderFaxNumber),
            UpdateExpression: 'SET #status = :dismissed, dismissedAt = :at, GSI2PK = :listing',
            ConditionExpression: 'caseId = :caseId AND #status IN (:open, :escalated)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':dismissed': 'dismissed',
              ':open': 'open',
              ':escalated': 'escalated',
              ':at': audit.at,
              ':listing': statusListing('dismissed'),
              ':caseId': junkCase.caseId,
            },
          },
        },
        { Put: auditEntryPut(this.tableName, audit) },
      ],
    });
    return failed.length === 0;
  }

  private async reportItemsOf(reporter: ReporterIdentity): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :person AND begins_with(GSI1SK, :reports)',
          ExpressionAttributeValues: { ':person': reporterEntryOf(reporter), ':reports': 'REPORT#' },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  async reportsFiledBy(reporter: ReporterIdentity): Promise<FiledReport[]> {
    return (await this.reportItemsOf(reporter)).map(toFiledReport);
  }

  async forgetReporter(reporter: ReporterIdentity): Promise<number> {
    const items = await this.reportItemsOf(reporter);
    let forgotten = 0;
    for (const { PK, SK } of items) {
      // The index lags its table: a report its retention removed meanwhile must not come back as a bare, never-expiring item.
      const done = await updateIf(this.client, {
        TableName: this.tableName,
        Key: { PK, SK },
        UpdateExpression: `REMOVE ${REPORTER_FIELDS.join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
      });
      if (done !== false) forgotten += 1;
    }
    return forgotten;
  }
}
