import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../audit/trail';
import { E164_SOURCE } from '../../e164';
import { DISTINCT_REPORTERS_WINDOW_MS, type FiledReport, type JunkCase, type JunkCaseStatus, type JunkReport, type ReporterIdentity } from '../../junk/case';
import type { Filed, JunkReportStore } from '../../junk/ports';
import type { Page, PageRequest } from '../../pages';
import { auditEntryPut } from './audit-trail';
import { updateIf } from './conditional';
import { queryPage } from './paging';
import { transactWrite } from './transactions';

// Junk-fax reports (DATA-MODEL.md, "Junk-fax reports"): everything about one sender number sits in
// its partition: the current case, the reports, and one window item per reporter.
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

const toFiledReport = (item: Record<string, unknown>): FiledReport => {
  const fields = ['reportId', 'senderFaxNumber', 'recipientFaxNumber', 'receivedAt', 'remoteStationId', 'faxId', 'description', 'reporterName', 'reporterEmail', 'counted', 'createdAt'];
  return Object.fromEntries(fields.filter((field) => item[field] !== undefined).map((field) => [field, item[field]])) as unknown as FiledReport;
};

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
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  // The reporter counts once per 24 hours: only when they were not counted after `countedSince`.
  private windowUpdate(report: JunkReport, countedSince: string, caseId: string) {
    const keptUntil = new Date(Date.parse(report.createdAt) + DISTINCT_REPORTERS_WINDOW_MS).toISOString();
    return {
      Update: {
        TableName: this.tableName,
        Key: reporterKey(report.senderFaxNumber, report.reporter.key),
        UpdateExpression: 'SET #type = :type, lastCountedAt = :at, countedCaseId = :caseId, expiresAt = :until, expiresAtEpoch = :untilEpoch',
        ConditionExpression: 'attribute_not_exists(PK) OR lastCountedAt <= :since',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'junk_reporter',
          ':at': report.createdAt,
          ':caseId': caseId,
          ':since': countedSince,
          ':until': keptUntil,
          ':untilEpoch': epochSeconds(keptUntil),
        },
      },
    };
  }

  // The report joins the sender's live case, still the one read.
  private continueCase(report: JunkReport, junkCase: JunkCase, counted: boolean, accountId: string | undefined) {
    return {
      Update: {
        TableName: this.tableName,
        Key: caseKey(report.senderFaxNumber),
        UpdateExpression: `SET lastReportedAt = :at, GSI2SK = :listed${accountId ? ', accountId = :account' : ''} ADD reportCount :counted${accountId ? '' : ' REMOVE accountId'}`,
        ConditionExpression: 'caseId = :caseId AND #status <> :dismissed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':at': report.createdAt,
          ':listed': listingSortKey(report.createdAt, report.senderFaxNumber),
          ':counted': counted ? 1 : 0,
          ':caseId': junkCase.caseId,
          ':dismissed': 'dismissed',
          ...(accountId ? { ':account': accountId } : {}),
        },
      },
    };
  }

  // A new case: the sender's first, or the next after a dismissal (which the audit trail keeps).
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
          ? { ConditionExpression: 'caseId = :caseId AND #status = :dismissed', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':caseId': replacing.caseId, ':dismissed': 'dismissed' } }
          : { ConditionExpression: 'attribute_not_exists(PK)' }),
      },
    };
  }

  async file(report: JunkReport, rules: { countedSince: string; newCaseId: string; accountId?: string }): Promise<Filed> {
    let counting = true;
    // Each pass reads the case, then writes on condition that it is still as read: a concurrent
    // report that changed it first sends this one round again.
    for (let pass = 1; pass <= FILING_PASSES; pass += 1) {
      const current = await this.currentCase(report.senderFaxNumber);
      const live = current && current.status !== 'dismissed' ? current : undefined;
      const caseId = live?.caseId ?? rules.newCaseId;
      const opened: JunkCase = {
        caseId,
        senderFaxNumber: report.senderFaxNumber,
        ...(rules.accountId ? { accountId: rules.accountId } : {}),
        status: 'open',
        reportCount: counting ? 1 : 0,
        distinctReporters: 0,
        openedAt: report.createdAt,
        firstReportedAt: report.createdAt,
        lastReportedAt: report.createdAt,
      };
      const caseWrite = live ? this.continueCase(report, live, counting, rules.accountId) : this.openCase(report, opened, current);
      const items = [this.reportPut(report, caseId, counting), ...(counting ? [this.windowUpdate(report, rules.countedSince, caseId)] : []), caseWrite];
      const failed = await transactWrite(this.client, { TransactItems: items });
      if (failed.length === 0) {
        const junkCase = live ? await this.currentCase(report.senderFaxNumber) : opened;
        if (!junkCase) throw new Error('a junk-fax case vanished after its report was filed');
        return { counted: counting, junkCase };
      }
      if (counting && failed.includes(1)) counting = false;
    }
    throw new Error(`a junk-fax report could not be filed in ${FILING_PASSES} passes: its case kept changing`);
  }

  async distinctReporters(senderFaxNumber: string, caseId: string, since: string): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :reporters)',
          FilterExpression: 'countedCaseId = :caseId AND lastCountedAt > :since',
          ExpressionAttributeValues: { ':pk': senderPartition(senderFaxNumber), ':reporters': REPORTER_PREFIX, ':caseId': caseId, ':since': since },
          Select: 'COUNT',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
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
    for (const { PK, SK } of items) {
      await this.client.send(
        new UpdateCommand({ TableName: this.tableName, Key: { PK, SK }, UpdateExpression: `REMOVE ${REPORTER_FIELDS.join(', ')}` }),
      );
    }
    return items.length;
  }
}
