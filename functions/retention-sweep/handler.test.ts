import 'aws-sdk-client-mock-jest';
import { DeleteObjectCommand, DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Fax } from '../../shared/faxes/fax';
import { TABLE_NAME } from '../../test/support/accounts';
import { callSequence, s3ServerError } from '../../test/support/aws';
import { pinClock } from '../../test/support/clock';
import { FAX_BUCKET, faxItem, faxKey, storedFax, useFaxEnvironment } from '../../test/support/faxes';
import { invokeJob } from '../../test/support/jobs';
import { emittedMetrics } from '../../test/support/metrics';

// The handler binds its stores when imported: set them, then load it.
useFaxEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

const NOW = '2026-12-01T12:00:00.000Z';
const DAY_MS = 24 * 60 * 60 * 1000;
const PLENTY_OF_TIME_MS = 250_000;
/** Less than the 30 s the job keeps in hand: no new batch is started. */
const ALMOST_OUT_OF_TIME_MS = 20_000;

const faxIdOf = (n: number) => `fax_01KB${String(n).padStart(22, '0')}`;
const faxExpiring = (n: number, expiresAt: string): Fax => storedFax({ faxId: faxIdOf(n), documentKey: `faxes/${faxIdOf(n)}`, expiresAt });

/**
 * The table's faxes behind the mocked client: GSI1 queries answer them by expiry partition (month
 * and shard), in index order and within the query's Limit, and deletes remove them, as DynamoDB would.
 */
const givenFaxes = (faxes: Fax[]) => {
  const stored = new Map(faxes.map((fax) => [`FAX#${fax.faxId}`, faxItem(fax)]));
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const { ':partition': partition, ':since': since, ':until': until } = input.ExpressionAttributeValues ?? {};
    const items = [...stored.values()]
      .filter((item) => input.IndexName === 'GSI1' && item.GSI1PK === partition && item.GSI1SK >= since && item.GSI1SK <= until)
      .sort((a, b) => a.GSI1SK.localeCompare(b.GSI1SK))
      .slice(0, input.Limit);
    return { Items: items };
  });
  ddb.on(DeleteCommand).callsFake((input: { Key: { SK: string } }) => {
    stored.delete(input.Key.SK);
    return {};
  });
  return { remaining: () => [...stored.values()].map((item) => item.faxId) };
};

const sweep = (remainingMs = PLENTY_OF_TIME_MS) => invokeJob(handler, remainingMs);
const deletedDocuments = () => s3.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input.Key);
const deletedFaxes = () => ddb.commandCalls(DeleteCommand).map((call) => call.args[0].input.Key);

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  s3.reset();
  givenFaxes([]);
  s3.on(DeleteObjectCommand).resolves({});
  s3.on(ListObjectsV2Command).resolves({ Contents: [] });
  s3.on(DeleteObjectsCommand).resolves({});
});
afterEach(() => jest.restoreAllMocks());

describe('retention-sweep: expired faxes', () => {
  const expired = [
    faxExpiring(1, '2026-10-15T08:00:00.000Z'),
    faxExpiring(2, '2026-11-30T23:59:59.999Z'),
    faxExpiring(3, '2026-12-01T11:59:59.999Z'),
    faxExpiring(4, NOW),
  ];
  const live = [faxExpiring(5, '2026-12-01T12:00:00.001Z'), faxExpiring(6, '2026-12-02T09:00:00.000Z')];

  it('deletes the document and the metadata of every expired fax, and only those, reporting how many', async () => {
    // Prepare
    const table = givenFaxes([...expired, ...live]);

    // Act
    const { summary } = await sweep();

    // Assess
    expect(summary).toEqual({ faxesRemoved: 4, faxesHeld: 0, uploadsRemoved: 0, sweptAt: NOW });
    expect(deletedDocuments().sort()).toEqual(expired.map((fax) => fax.documentKey));
    expect(deletedFaxes()).toEqual(expect.arrayContaining(expired.map((fax) => ({ ...faxKey(fax.faxId, fax.accountId) }))));
    expect(table.remaining()).toEqual(live.map((fax) => fax.faxId));
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: FAX_BUCKET });
    expect(ddb).toHaveReceivedCommandWith(DeleteCommand, { TableName: TABLE_NAME });
  });

  it('leaves the faxes a legal hold keeps, document and all, reading each account’s holds once', async () => {
    // Prepare
    const table = givenFaxes([...expired, ...live]);
    const held = (at: string) => ({ Items: [{ legalRequestId: 'lgr_1', categories: ['fax_metadata'], from: at, to: at }] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': `LEGALHOLD#account:${expired[0].accountId}` } }).resolves(held(expired[1].receivedAt));

    // Act
    const { summary } = await sweep();

    // Assess
    expect(summary).toMatchObject({ faxesHeld: expired.length, faxesRemoved: 0 });
    expect(s3).not.toHaveReceivedCommand(DeleteObjectCommand);
    expect(table.remaining()).toHaveLength(expired.length + live.length);
    expect(ddb.commandCalls(QueryCommand).filter(({ args: [{ input }] }) => input.IndexName === undefined)).toHaveLength(1);
  });

  it('removes an expired fax received outside a hold’s time range or categories', async () => {
    // Prepare
    givenFaxes(expired);
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': `LEGALHOLD#account:${expired[0].accountId}` } })
      .resolves({ Items: [{ legalRequestId: 'lgr_1', categories: ['account'] }, { legalRequestId: 'lgr_2', categories: ['fax_content'], to: '2000-01-01T00:00:00.000Z' }] });

    // Act
    const { summary } = await sweep();

    // Assess
    expect(summary).toMatchObject({ faxesHeld: 0, faxesRemoved: expired.length });
  });

  it('counts the faxes it removed as expired', async () => {
    // Prepare
    givenFaxes([...expired, ...live]);

    // Act
    const { logs } = await sweep();

    // Assess
    expect(emittedMetrics(logs).map((emitted) => emitted.values)).toEqual([{ FaxesExpired: 4 }]);
  });

  it("deletes each fax's document before its metadata", async () => {
    // Prepare
    givenFaxes(expired);

    // Act
    await sweep();

    // Assess
    for (const fax of expired) {
      const document = s3.commandCalls(DeleteObjectCommand).find((call) => call.args[0].input.Key === fax.documentKey);
      const metadata = ddb.commandCalls(DeleteCommand).find((call) => call.args[0].input.Key?.SK === `FAX#${fax.faxId}`);
      expect(callSequence({ document, metadata })).toEqual(['document', 'metadata']);
    }
  });

  it.each([
    [NOW, '2026-10-02T12:00:00.000Z', ['2026-10', '2026-11', '2026-12']],
    ['2027-03-01T00:30:00.000Z', '2026-12-31T00:30:00.000Z', ['2026-12', '2027-01', '2027-02', '2027-03']],
  ])('at %s, looks back one retention period: every shard of GSI1 for each expiry month since %s, oldest first', async (now, since, months) => {
    // Prepare
    pinClock(now);

    // Act
    await sweep();

    // Assess
    const queries = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries.every((input) => input.IndexName === 'GSI1' && input.KeyConditionExpression === 'GSI1PK = :partition AND GSI1SK BETWEEN :since AND :until')).toBe(true);
    expect(queries.every((input) => input.ExpressionAttributeValues?.[':since'] === since && input.ExpressionAttributeValues?.[':until'] === `${now}#~`)).toBe(true);
    const partitions = queries.map((input) => input.ExpressionAttributeValues?.[':partition'] as string);
    expect(partitions).toEqual(months.flatMap((month) => Array.from({ length: 10 }, (_, shard) => `FAXEXPIRY#${month}#${shard}`)));
  });

  it('reaches a fax that expired almost a retention period ago, in whichever shard it is', async () => {
    // Prepare: 59 days past expiry, in every shard.
    const late = Array.from({ length: 60 }, (_, i) => faxExpiring(i + 1, '2026-10-03T12:00:00.000Z'));
    const table = givenFaxes(late);

    // Act
    const { summary } = await sweep();

    // Assess
    expect(new Set(late.map((fax) => faxItem(fax).GSI1PK)).size).toBe(10);
    expect(summary.faxesRemoved).toBe(60);
    expect(table.remaining()).toEqual([]);
  });

  it('keeps taking batches of 100 while time is left, until no expired fax remains', async () => {
    // Prepare
    const many = Array.from({ length: 150 }, (_, i) => faxExpiring(i + 1, '2026-11-20T00:00:00.000Z'));
    const table = givenFaxes(many);

    // Act
    const { summary } = await sweep(PLENTY_OF_TIME_MS);

    // Assess
    expect(summary.faxesRemoved).toBe(150);
    expect(table.remaining()).toEqual([]);
  });

  it('stops taking batches when time runs out, leaving the rest for the next run', async () => {
    // Prepare
    const many = Array.from({ length: 150 }, (_, i) => faxExpiring(i + 1, '2026-11-20T00:00:00.000Z'));
    const table = givenFaxes(many);

    // Act
    const { summary } = await sweep(ALMOST_OUT_OF_TIME_MS);

    // Assess
    expect(summary.faxesRemoved).toBe(100);
    expect(table.remaining()).toHaveLength(50);
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectCommand, 100);
  });

  it('stops, rather than spinning, when the index still lists only faxes this run removed', async () => {
    // Prepare: a lagging index that keeps answering the first 100 faxes after they are gone.
    const many = Array.from({ length: 100 }, (_, i) => faxExpiring(i + 1, '2026-11-20T00:00:00.000Z'));
    givenFaxes(many);
    const stale = many.map(faxItem);
    ddb.on(QueryCommand, { IndexName: 'GSI1' }).resolves({ Items: stale });

    // Act
    const { summary } = await sweep(PLENTY_OF_TIME_MS);

    // Assess
    expect(summary.faxesRemoved).toBe(100);
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectCommand, 100);
    // Each batch filled from its first shard: two batches, two Queries of the index.
    expect(ddb.commandCalls(QueryCommand).filter(({ args: [{ input }] }) => input.IndexName === 'GSI1')).toHaveLength(2);
  });

  it('fails the run (so the schedule retries) when a document cannot be deleted, keeping that fax\'s metadata', async () => {
    // Prepare
    const table = givenFaxes([expired[0]]);
    s3.on(DeleteObjectCommand).rejects(s3ServerError());

    // Act
    const run = sweep();

    // Assess
    await expect(run).rejects.toThrow();
    expect(table.remaining()).toEqual([expired[0].faxId]);
  });
});

describe('retention-sweep: stale uploads', () => {
  const object = (key: string, lastModified: string) => ({ Key: key, LastModified: new Date(lastModified), Size: 1024 });

  it('deletes uploads last modified more than a day ago, page by page, and reports how many', async () => {
    // Prepare
    const dayAgo = new Date(Date.parse(NOW) - DAY_MS).toISOString();
    s3.on(ListObjectsV2Command)
      .resolvesOnce({
        Contents: [object('uploads/upl_old1', '2026-11-29T08:00:00.000Z'), object('uploads/upl_fresh1', '2026-12-01T11:00:00.000Z')],
        NextContinuationToken: 'page-2',
      })
      .resolvesOnce({ Contents: [object('uploads/upl_old2', '2026-11-30T11:59:59.999Z'), object('uploads/upl_edge', dayAgo)] });

    // Act
    const { summary } = await sweep();

    // Assess
    expect(summary.uploadsRemoved).toBe(2);
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: FAX_BUCKET, Prefix: 'uploads/' });
    expect(s3.commandCalls(ListObjectsV2Command)[1].args[0].input.ContinuationToken).toBe('page-2');
    const deleted = s3.commandCalls(DeleteObjectsCommand).flatMap((call) => call.args[0].input.Delete?.Objects?.map((o) => o.Key) ?? []);
    expect(deleted).toEqual(['uploads/upl_old1', 'uploads/upl_old2']);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectsCommand, { Bucket: FAX_BUCKET });
  });

  it('sends no batch delete when no upload is stale', async () => {
    // Prepare
    s3.on(ListObjectsV2Command).resolves({ Contents: [object('uploads/upl_fresh', '2026-12-01T11:00:00.000Z')] });

    // Act
    const { summary } = await sweep();

    // Assess
    expect(summary.uploadsRemoved).toBe(0);
    expect(s3).not.toHaveReceivedCommand(DeleteObjectsCommand);
  });

  it('fails the run when S3 reports keys it could not delete, rather than counting them removed', async () => {
    // Prepare
    s3.on(ListObjectsV2Command).resolves({ Contents: [object('uploads/upl_old', '2026-11-29T08:00:00.000Z')] });
    s3.on(DeleteObjectsCommand).resolves({ Errors: [{ Key: 'uploads/upl_old', Code: 'AccessDenied' }] });

    // Act
    const outcome = sweep();

    // Assess
    await expect(outcome).rejects.toThrow(/could not be deleted/);
  });
});
