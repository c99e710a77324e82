import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { TABLE_NAME, transactionCanceled, transactItems } from '../../../test/support/accounts';
import type { JunkReport } from '../../junk/case';
import { DynamoJunkReportStore } from './junk-store';

const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoJunkReportStore(ddb as unknown as DynamoDBDocumentClient, TABLE_NAME);
const SENDER = '+15559870000';
const AT = '2026-06-01T09:00:00.000Z';
const SINCE = '2026-05-31T09:00:00.000Z';

const report = (overrides: Partial<JunkReport> = {}): JunkReport => ({
  reportId: 'jfr_01KB0000000000000000000001',
  caseId: '',
  senderFaxNumber: SENDER,
  reporterName: 'Rita Reporter',
  reporterEmail: 'rita@example.test',
  description: 'Cruise offers, every night',
  reporter: { key: 'reporter-key', emailHash: 'email-hash' },
  counted: false,
  createdAt: AT,
  ...overrides,
});

const reportItem = (n: number, extra: Record<string, unknown> = {}) => ({
  PK: `SENDER#${SENDER}`,
  SK: `REPORT#jfr_0${n}`,
  type: 'junk_report',
  reportId: `jfr_0${n}`,
  caseId: 'jfc_01',
  senderFaxNumber: SENDER,
  reporterName: 'Rita Reporter',
  reporterEmail: 'rita@example.test',
  reporterEmailHash: 'email-hash',
  reporterKey: 'reporter-key',
  description: 'Cruise offers',
  counted: true,
  createdAt: AT,
  GSI1PK: 'PERSON#email-hash',
  GSI1SK: `REPORT#${AT}`,
  ...extra,
});

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
});

describe('filing a report', () => {
  it('writes the report (under the reporter’s person entry), the reporter’s 24-hour window and a new case in one transaction', async () => {
    // Act
    const filed = await store.file(report(), { countedSince: SINCE, newCaseId: 'jfc_01', accountId: 'acc_01' });

    // Assess
    expect(filed).toMatchObject({ counted: true, junkCase: { caseId: 'jfc_01', status: 'open', reportCount: 1, accountId: 'acc_01' } });
    const [put, window, opened] = transactItems(ddb);
    expect(put.Put).toMatchObject({ Item: { PK: `SENDER#${SENDER}`, SK: 'REPORT#jfr_01KB0000000000000000000001', type: 'junk_report', caseId: 'jfc_01', counted: true, GSI1PK: 'PERSON#email-hash' }, ConditionExpression: 'attribute_not_exists(PK)' });
    expect(window.Update).toMatchObject({ Key: { PK: `SENDER#${SENDER}`, SK: 'REPORTER#reporter-key' }, ConditionExpression: 'attribute_not_exists(PK) OR lastCountedAt <= :since' });
    expect(window.Update.ExpressionAttributeValues).toMatchObject({ ':since': SINCE, ':caseId': 'jfc_01' });
    expect(window.Update.UpdateExpression).toContain('countedCaseId = :caseId');
    expect(opened.Put).toMatchObject({ Item: { SK: 'CASE', GSI1PK: 'JUNKCASE#jfc_01', GSI2PK: 'JUNKCASE#open', GSI2SK: `${AT}#${SENDER}` }, ConditionExpression: 'attribute_not_exists(PK)' });
  });

  it('gives the report its retention: it expires (TTL) 365 days after it was filed', async () => {
    // Act
    await store.file(report(), { countedSince: SINCE, newCaseId: 'jfc_01', accountId: 'acc_01' });

    // Assess
    const [put] = transactItems(ddb);
    expect(put.Put?.Item?.expiresAtEpoch).toBe(Date.parse(AT) / 1000 + 365 * 24 * 60 * 60);
  });

  it('files a repeat within 24 hours uncounted when the window’s condition cancels the first transaction', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejectsOnce(transactionCanceled('None', 'ConditionalCheckFailed', 'None')).resolves({});

    // Act
    const filed = await store.file(report(), { countedSince: SINCE, newCaseId: 'jfc_01' });

    // Assess
    expect(filed.counted).toBe(false);
    const retried = transactItems(ddb, 1);
    expect(retried).toHaveLength(2);
    expect(retried[0].Put.Item.counted).toBe(false);
    expect(retried[1].Put.Item).toMatchObject({ SK: 'CASE', reportCount: 0 });
  });
});

describe('the distinct reporters of a case', () => {
  it('counts, across pages, the reporters counted toward that case within the window', async () => {
    // Prepare
    ddb.on(QueryCommand).resolvesOnce({ Count: 2, LastEvaluatedKey: { PK: `SENDER#${SENDER}`, SK: 'REPORTER#b' } }).resolvesOnce({ Count: 1 });

    // Act
    const count = await store.distinctReporters(SENDER, 'jfc_01', SINCE);

    // Assess
    expect(count).toBe(3);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      FilterExpression: 'countedCaseId = :caseId AND lastCountedAt > :since',
      ExpressionAttributeValues: { ':pk': `SENDER#${SENDER}`, ':reporters': 'REPORTER#', ':caseId': 'jfc_01', ':since': SINCE },
      ConsistentRead: true,
      Select: 'COUNT',
    });
  });
});

describe("a reporter's reports, for the rights helpers", () => {
  it('lists the reports a person filed by their email digest, without any digest', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [reportItem(1)] });

    // Act
    const filed = await store.reportsFiledBy({ emailHash: 'email-hash' });

    // Assess
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { IndexName: 'GSI1', ExpressionAttributeValues: { ':person': 'PERSON#email-hash', ':reports': 'REPORT#' } });
    expect(filed).toEqual([
      { reportId: 'jfr_01', senderFaxNumber: SENDER, reporterName: 'Rita Reporter', reporterEmail: 'rita@example.test', description: 'Cruise offers', counted: true, createdAt: AT },
    ]);
  });

  it("forgets a customer reporter: each of their reports loses the reporter's identity, free text and person entry", async () => {
    // Prepare
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [reportItem(1)], LastEvaluatedKey: { PK: 'x', SK: 'y' } })
      .resolves({ Items: [reportItem(2)] });

    // Act
    const forgotten = await store.forgetReporter({ accountId: 'acc_01' });

    // Assess
    expect(forgotten).toBe(2);
    expect(ddb.commandCalls(QueryCommand)[0].args[0].input.ExpressionAttributeValues).toEqual({ ':person': 'JUNKREPORTER#acc_01', ':reports': 'REPORT#' });
    expect(ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input)).toEqual(
      [1, 2].map((n) => ({
        TableName: TABLE_NAME,
        Key: { PK: `SENDER#${SENDER}`, SK: `REPORT#jfr_0${n}` },
        UpdateExpression: 'REMOVE reporterName, reporterEmail, reporterEmailHash, reporterAccountId, reporterKey, description, recipientFaxNumber, faxId, GSI1PK, GSI1SK',
      })),
    );
  });
});
