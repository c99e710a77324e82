import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
  reporter: { key: 'reporter-key', identities: ['reporter-key', 'source-key'], emailHash: 'email-hash' },
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

const RULES = { countedSince: SINCE, linkedSince: '2026-05-02T09:00:00.000Z', newCaseId: 'jfc_02' };
const caseItem = (extra: Record<string, unknown> = {}) => ({
  PK: `SENDER#${SENDER}`,
  SK: 'CASE',
  type: 'junk_case',
  caseId: 'jfc_01',
  senderFaxNumber: SENDER,
  accountId: 'acc_old',
  status: 'escalated',
  reportCount: 5,
  distinctReporters: 5,
  openedAt: '2026-05-20T09:00:00.000Z',
  firstReportedAt: '2026-05-20T09:00:00.000Z',
  lastReportedAt: '2026-05-30T09:00:00.000Z',
  ...extra,
});
const windowItem = (identity: string, extra: Record<string, unknown> = {}) => ({
  PK: `SENDER#${SENDER}`,
  SK: `REPORTER#${identity}`,
  type: 'junk_reporter',
  personKey: 'person-a',
  countedCaseId: 'jfc_01',
  lastCountedAt: '2026-05-31T12:00:00.000Z',
  ...extra,
});

describe('filing a report', () => {
  beforeEach(() => ddb.on(BatchGetCommand).resolves({ Responses: {} }));

  it('writes the report (under the reporter’s person entry), a new case and each identity’s window in one transaction', async () => {
    // Act
    const filed = await store.file(report(), { ...RULES, newCaseId: 'jfc_01', accountId: 'acc_01' });

    // Assess
    expect(filed).toMatchObject({ counted: true, junkCase: { caseId: 'jfc_01', status: 'open', reportCount: 1, accountId: 'acc_01' } });
    const [put, opened, ...windows] = transactItems(ddb);
    expect(put.Put).toMatchObject({ Item: { PK: `SENDER#${SENDER}`, SK: 'REPORT#jfr_01KB0000000000000000000001', type: 'junk_report', caseId: 'jfc_01', counted: true, GSI1PK: 'PERSON#email-hash' }, ConditionExpression: 'attribute_not_exists(PK)' });
    expect(opened.Put).toMatchObject({ Item: { SK: 'CASE', GSI1PK: 'JUNKCASE#jfc_01', GSI2PK: 'JUNKCASE#open', GSI2SK: `${AT}#${SENDER}` }, ConditionExpression: 'attribute_not_exists(PK)' });
    expect(windows.map(({ Update }) => Update.Key.SK)).toEqual(['REPORTER#reporter-key', 'REPORTER#source-key']);
    for (const { Update } of windows) {
      expect(Update.ConditionExpression).toBe('attribute_not_exists(PK)');
      expect(Update.ExpressionAttributeValues).toMatchObject({ ':person': 'reporter-key', ':caseId': 'jfc_01', ':at': AT });
    }
  });

  it('gives the report its retention: it expires (TTL) 365 days after it was filed', async () => {
    // Act
    await store.file(report(), { ...RULES, accountId: 'acc_01' });

    // Assess
    const [put] = transactItems(ddb);
    expect(put.Put?.Item?.expiresAtEpoch).toBe(Date.parse(AT) / 1000 + 365 * 24 * 60 * 60);
  });

  it('files a report uncounted, as the person of its known identity, when that person was counted within 24 hours', async () => {
    // Prepare: the source address was counted 21 hours ago as person A; the email is new.
    ddb.on(GetCommand).resolves({ Item: caseItem() });
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE_NAME]: [windowItem('source-key')] } });

    // Act
    const filed = await store.file(report(), { ...RULES, accountId: 'acc_old' });

    // Assess
    expect(filed?.counted).toBe(false);
    const [put, continued, email, source] = transactItems(ddb);
    expect(put.Put.Item).toMatchObject({ caseId: 'jfc_01', counted: false });
    expect(continued.Update.ExpressionAttributeValues).toMatchObject({ ':counted': 0, ':caseId': 'jfc_01' });
    expect(email.Update.ExpressionAttributeValues).toMatchObject({ ':person': 'person-a', ':at': '2026-05-31T12:00:00.000Z' });
    expect(source.Update).toMatchObject({ ConditionExpression: 'lastCountedAt = :readAt AND countedCaseId = :readCase AND personKey = :readPerson' });
  });

  it("files a customer's report only while their account exists and its removal has not begun, in the same transaction", async () => {
    // Act
    await store.file(report(), { ...RULES, reporterAccountId: 'acc_reporter' });

    // Assess
    const items = transactItems(ddb);
    expect(items[items.length - 1]).toEqual({
      ConditionCheck: { TableName: TABLE_NAME, Key: { PK: 'ACCOUNT#acc_reporter', SK: 'PROFILE' }, ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(removal)' },
    });
  });

  it("answers undefined, filing nothing and not trying again, when the customer's account refuses (its erasure began)", async () => {
    // Prepare: the report, the new case and two identity windows, then the account's check.
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('None', 'None', 'None', 'None', 'ConditionalCheckFailed'));

    // Act
    const filed = await store.file(report(), { ...RULES, reporterAccountId: 'acc_reporter' });

    // Assess
    expect(filed).toBeUndefined();
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('reads again and files anew when a racing report changed an identity’s window first', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejectsOnce(transactionCanceled('None', 'None', 'ConditionalCheckFailed', 'None')).resolves({});

    // Act
    const filed = await store.file(report(), { ...RULES, newCaseId: 'jfc_01' });

    // Assess
    expect(filed?.counted).toBe(true);
    expect(ddb).toHaveReceivedCommandTimes(BatchGetCommand, 2);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('closes the case of a number that changed hands (audited) and opens a fresh one for its new holder, counting its reporters anew', async () => {
    // Prepare: an escalated case of the former holder, the reporter counted toward it an hour ago.
    ddb.on(GetCommand).resolves({ Item: caseItem() });
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE_NAME]: [windowItem('reporter-key', { lastCountedAt: '2026-06-01T08:00:00.000Z' })] } });

    // Act
    const filed = await store.file(report(), { ...RULES, accountId: 'acc_new' });

    // Assess
    expect(filed).toMatchObject({ counted: true, junkCase: { caseId: 'jfc_02', accountId: 'acc_new', status: 'open', reportCount: 1 } });
    const [, opened, window, , closure] = transactItems(ddb);
    expect(opened.Put).toMatchObject({ Item: { caseId: 'jfc_02', accountId: 'acc_new' }, ConditionExpression: 'caseId = :caseId', ExpressionAttributeValues: { ':caseId': 'jfc_01' } });
    expect(window.Update.ExpressionAttributeValues).toMatchObject({ ':caseId': 'jfc_02', ':person': 'reporter-key', ':at': AT });
    expect(closure.Put.Item).toMatchObject({ subject: 'junk-case:jfc_01', action: 'closed', actor: { kind: 'service', name: 'report-junk-fax' }, at: AT });
  });
});

describe('the distinct reporters of a case', () => {
  it('counts, across pages, the people (not identities) counted toward that case within the window', async () => {
    // Prepare: person A by two identities, person B, and an item written before identities were linked.
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [windowItem('a-email'), windowItem('a-source'), windowItem('b', { personKey: 'person-b' })], LastEvaluatedKey: { PK: `SENDER#${SENDER}`, SK: 'REPORTER#b' } })
      .resolvesOnce({ Items: [windowItem('legacy', { personKey: undefined })] });

    // Act
    const count = await store.distinctReporters(SENDER, 'jfc_01', SINCE);

    // Assess
    expect(count).toBe(3);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      FilterExpression: 'countedCaseId = :caseId AND lastCountedAt > :since',
      ExpressionAttributeValues: { ':pk': `SENDER#${SENDER}`, ':reporters': 'REPORTER#', ':caseId': 'jfc_01', ':since': SINCE },
      ConsistentRead: true,
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
        ConditionExpression: 'attribute_exists(PK)',
      })),
    );
  });

  it('does not bring back a report its retention removed after the index listed it, and does not count it', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [reportItem(1), reportItem(2)] });
    ddb
      .on(UpdateCommand)
      .resolvesOnce({})
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    // Act
    const forgotten = await store.forgetReporter({ accountId: 'acc_01' });

    // Assess
    expect(forgotten).toBe(1);
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 2);
  });
});
