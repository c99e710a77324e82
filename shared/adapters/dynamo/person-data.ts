import { GetCommand, paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { accountKey } from './account-store';
import type { ExportSubject, PersonalDataSource, PersonalDataSources } from '../../rights/export';

/** The exported kinds the table holds (DATA-MODEL.md); the user pool's logins come from the login directory. */
export type TableKinds = Exclude<keyof PersonalDataSources, 'userPoolLogins'>;

/**
 * Where the table holds each exported kind for a person: by account (its partition's key range
 * of that kind) and by email (its digests). Each Query yields DynamoDB's own pages (at most 1 MB
 * each), one at a time.
 */
export const tablePersonalData = (client: DynamoDBDocumentClient, tableName: string): Readonly<Record<TableKinds, PersonalDataSource>> => {
  const pagesOf = async function* (input: Omit<QueryCommandInput, 'TableName'>) {
    for await (const page of paginateQuery({ client }, { TableName: tableName, ...input })) yield page.Items ?? [];
  };
  const item = async function* (Key: Record<string, string>) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }));
    if (Item) yield [Item];
  };
  /** The account's items whose sort key starts with `prefix` (`FAX#` reaches no `FAXGONE#` marker). */
  const ofAccount =
    (prefix: string): PersonalDataSource =>
    ({ accountId }: ExportSubject) =>
      accountId === undefined
        ? none()
        : pagesOf({
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
            ExpressionAttributeValues: { ':pk': `ACCOUNT#${accountId}`, ':prefix': prefix },
            ConsistentRead: true,
          });
  return {
    account: ({ accountId }) => (accountId === undefined ? none() : item(accountKey(accountId))),
    consent: ofAccount('CONSENT#'),
    fax: ofAccount('FAX#'),
    blocked_sender: ofAccount('BLOCKED#'),
    policy_notice: ofAccount('POLICYNOTICE#'),
    usage_counter: ofAccount('USAGE#'),
    email_suppression: ({ suppressionKey }) => item({ PK: `SUPPRESSED#${suppressionKey}`, SK: 'SUPPRESSION' }),
    rights_request: ({ emailHash }) =>
      pagesOf({
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :person AND begins_with(GSI1SK, :rights)',
        ExpressionAttributeValues: { ':person': `PERSON#${emailHash}`, ':rights': 'RIGHTS#' },
      }),
    // Reports the person filed: as a customer (by account), or publicly with their email (by its digest).
    junk_report: async function* ({ accountId, emailHash }) {
      const filedBy = [...(accountId === undefined ? [] : [`JUNKREPORTER#${accountId}`]), `PERSON#${emailHash}`];
      for (const reporter of filedBy) {
        yield* pagesOf({
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :reporter AND begins_with(GSI1SK, :report)',
          ExpressionAttributeValues: { ':reporter': reporter, ':report': 'REPORT#' },
        });
      }
    },
    // The account's audit trail: admin decisions about it, with their reasons.
    audit_entry: ({ accountId }) =>
      accountId === undefined
        ? none()
        : pagesOf({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#account:${accountId}` }, ConsistentRead: true }),
    // Referrals the person made (their partition) and those that invited them (their email's digest).
    referral: async function* (subject) {
      yield* ofAccount('REFERRAL#')(subject);
      yield* pagesOf({
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :person AND begins_with(GSI1SK, :referrals)',
        ExpressionAttributeValues: { ':person': `PERSON#${subject.emailHash}`, ':referrals': 'REFERRAL#' },
      });
    },
    referral_opt_out: ({ emailHash }) => item({ PK: `OPTOUT#${emailHash}`, SK: 'REFERRALS' }),
    // The case of the account's own number, when it was reported (counts only: never who reported).
    junk_case: async function* ({ accountId }) {
      if (accountId === undefined) return;
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: accountKey(accountId), ProjectionExpression: 'faxNumber', ConsistentRead: true }));
      if (typeof Item?.faxNumber === 'string') yield* item({ PK: `SENDER#${Item.faxNumber}`, SK: 'CASE' });
    },
  };
};

async function* none(): AsyncGenerator<never> {}
