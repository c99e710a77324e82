import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { exportedRegistrations, type ExportSubject } from '../../rights/export';
import { documentClient } from './client';
import { tablePersonalData } from './person-data';

const TABLE = 'fax-backend-unit';
const ddb = mockClient(DynamoDBDocumentClient);
const sources = tablePersonalData(documentClient, TABLE);
const subject: ExportSubject = { email: 'ana@acme.test', emailHash: 'person-digest', suppressionKey: 'suppression-digest', accountId: 'acc_1' };

const collected = async (pages: AsyncIterable<readonly Record<string, unknown>[]>) => {
  const found: (readonly Record<string, unknown>[])[] = [];
  for await (const page of pages) found.push(page);
  return found;
};

beforeEach(() => ddb.reset());

describe('tablePersonalData', () => {
  it("finds every kind the registry exports but the user pool's logins (a kind without a source fails here)", () => {
    // Act
    const kinds = [...Object.keys(sources), 'userPoolLogins'].sort();

    // Assess
    expect(kinds).toEqual(exportedRegistrations().map(([kind]) => kind).sort());
  });

  it("pages through the account's faxes one Query page at a time, never reaching the FAXGONE# markers", async () => {
    // Prepare
    ddb.on(QueryCommand)
      .resolvesOnce({ Items: [{ faxId: 'f1' }], LastEvaluatedKey: { PK: 'ACCOUNT#acc_1', SK: 'FAX#f1' } })
      .resolvesOnce({ Items: [{ faxId: 'f2' }] });

    // Act
    const pages = await collected(sources.fax(subject));

    // Assess
    expect(pages).toEqual([[{ faxId: 'f1' }], [{ faxId: 'f2' }]]);
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 2);
    const [first, second] = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(first).toMatchObject({
      TableName: TABLE,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': 'ACCOUNT#acc_1', ':prefix': 'FAX#' },
      ConsistentRead: true,
    });
    expect(second).toMatchObject({ ExclusiveStartKey: { PK: 'ACCOUNT#acc_1', SK: 'FAX#f1' } });
  });

  it('finds the referrals the person made (their partition) and those that invited them (their digest), and their referral opt-out', async () => {
    // Prepare
    ddb.on(QueryCommand).resolvesOnce({ Items: [{ referralId: 'made' }] }).resolvesOnce({ Items: [{ referralId: 'invitedBy' }] });
    ddb.on(GetCommand).resolves({ Item: { optedOutAt: '2026-06-06T00:00:00.000Z' } });

    // Act
    const referrals = await collected(sources.referral(subject));
    const optOuts = await collected(sources.referral_opt_out(subject));

    // Assess
    expect(referrals).toEqual([[{ referralId: 'made' }], [{ referralId: 'invitedBy' }]]);
    const [made, invitedBy] = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(made).toMatchObject({ ExpressionAttributeValues: { ':pk': 'ACCOUNT#acc_1', ':prefix': 'REFERRAL#' } });
    expect(invitedBy).toMatchObject({ IndexName: 'GSI1', ExpressionAttributeValues: { ':person': 'PERSON#person-digest', ':referrals': 'REFERRAL#' } });
    expect(optOuts).toEqual([[{ optedOutAt: '2026-06-06T00:00:00.000Z' }]]);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: { PK: 'OPTOUT#person-digest', SK: 'REFERRALS' } });
  });

  it("finds the person's rights requests by their email digest and the suppression entry by its key", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [{ requestId: 'rrq_1' }] });
    ddb.on(GetCommand).resolves({ Item: { reason: 'bounce' } });

    // Act
    const requests = await collected(sources.rights_request(subject));
    const suppressions = await collected(sources.email_suppression(subject));

    // Assess
    expect(requests).toEqual([[{ requestId: 'rrq_1' }]]);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { IndexName: 'GSI1', ExpressionAttributeValues: { ':person': 'PERSON#person-digest', ':rights': 'RIGHTS#' } });
    expect(suppressions).toEqual([[{ reason: 'bounce' }]]);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: { PK: 'SUPPRESSED#suppression-digest', SK: 'SUPPRESSION' } });
  });

  it("finds the admins' decisions about the account, with their reasons, in its own audit trail", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [{ action: 'deactivated', reason: 'Junk faxes confirmed' }] });

    // Act
    const entries = await collected(sources.audit_entry(subject));

    // Assess
    expect(entries).toEqual([[{ action: 'deactivated', reason: 'Junk faxes confirmed' }]]);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'AUDIT#account:acc_1' }, ConsistentRead: true });
  });

  it('reads nothing by account for a person without one', async () => {
    // Act
    const found = await Promise.all(
      [sources.account, sources.consent, sources.fax, sources.blocked_sender, sources.audit_entry].map((source) => collected(source({ ...subject, accountId: undefined }))),
    );

    // Assess
    expect(found).toEqual([[], [], [], [], []]);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
