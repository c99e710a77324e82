import 'aws-sdk-client-mock-jest';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, account, transactItems, transactionCanceled } from '../../test/support/accounts';
import { callSequence, s3ServerError, throttled } from '../../test/support/aws';
import {
  FAX_BUCKET,
  OTHER_ACCOUNT_ID,
  SENDER,
  blockedKey,
  faxAccepted,
  faxItem,
  faxKey,
  givenRecipient,
  goneKey,
  storedFax,
  useFaxEnvironment,
} from '../../test/support/faxes';
import { invokeConsumer, sqsEvent, sqsRecord } from '../../test/support/jobs';
import { emittedMetrics } from '../../test/support/metrics';
import { REQUEST_ID_ATTRIBUTE } from '../../events/message-attributes';

// The handler binds its stores when imported: set them, then load it.
useFaxEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

const faxIdOf = (n: number) => `fax_01KB00000000000000000000${String(n).padStart(2, '0')}`;
const message = (n: number) => faxAccepted({ faxId: faxIdOf(n), documentKey: `faxes/${faxIdOf(n)}` });
const record = (n: number) => sqsRecord(`sqs-msg-${n}`, message(n));
const deliver = (...records: ReturnType<typeof sqsRecord>[]) => invokeConsumer(handler, sqsEvent(...records));
/** The item a transaction puts, if it puts one. */
const putOf = (input: TransactWriteCommandInput) => input.TransactItems?.find((item) => item.Put)?.Put?.Item;
const transactions = (type: 'fax' | 'fax_gone') =>
  ddb.commandCalls(TransactWriteCommand).filter((call) => putOf(call.args[0].input)?.type === type);
// Asked for, whether or not its conditions then held.
const writtenFaxIds = () => transactions('fax').map((call) => putOf(call.args[0].input)?.faxId);
const refusals = () => transactions('fax_gone').map((call) => call.args[0].input);
/** The inbox already holds the fax (an earlier copy of the message delivered it): every condition on the fax item fails. */
const givenDelivered = () =>
  ddb.on(TransactWriteCommand).callsFake(({ TransactItems = [] }: TransactWriteCommandInput) => {
    const onTheFax = (item: (typeof TransactItems)[number]) => item.ConditionCheck?.Key?.SK?.startsWith('FAX#') || item.Put?.Item?.type === 'fax';
    throw transactionCanceled(...TransactItems.map((item) => (onTheFax(item) ? 'ConditionalCheckFailed' : 'None')));
  });
const deletedKeys = () => s3.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input.Key);

beforeEach(() => {
  ddb.reset();
  s3.reset();
  givenRecipient(ddb, account());
  s3.on(DeleteObjectCommand).resolves({});
});

describe('deliver-fax: faxes reach the inbox', () => {
  it('delivers every record of a batch, reporting no failures', async () => {
    // Act
    const { failed } = await deliver(record(1), record(2), record(3));

    // Assess
    expect(failed).toEqual([]);
    expect(writtenFaxIds().sort()).toEqual([faxIdOf(1), faxIdOf(2), faxIdOf(3)]);
    expect(s3).not.toHaveReceivedCommand(DeleteObjectCommand);
  });

  it('writes the fax once, unless deleted or refused, expiring 60 days after the backend accepted it, with its TTL and expiry index keys', async () => {
    // Prepare
    const accepted = message(1);

    // Act
    await deliver(sqsRecord('sqs-msg-1', accepted));

    // Assess
    const expiresAt = '2027-01-27T10:00:01.000Z';
    expect(Date.parse(expiresAt) - Date.parse(accepted.acceptedAt)).toBe(60 * 24 * 60 * 60 * 1000);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const [markerCheck, put] = transactItems(ddb);
    // Not over its marker: a fax the customer deleted, or that was refused, is never written again.
    expect(markerCheck).toEqual({ ConditionCheck: { TableName: TABLE_NAME, Key: goneKey(accepted.faxId, ACCOUNT_ID), ConditionExpression: 'attribute_not_exists(PK)' } });
    expect(put.Put).toEqual({
      TableName: TABLE_NAME,
      Item: {
        PK: `ACCOUNT#${ACCOUNT_ID}`,
        SK: `FAX#${accepted.faxId}`,
        type: 'fax',
        faxId: accepted.faxId,
        accountId: ACCOUNT_ID,
        from: accepted.from,
        to: accepted.to,
        remoteStationId: accepted.remoteStationId,
        pages: accepted.pages,
        contentType: accepted.contentType,
        sizeBytes: accepted.sizeBytes,
        receivedAt: accepted.receivedAt,
        acceptedAt: accepted.acceptedAt,
        documentKey: accepted.documentKey,
        expiresAt,
        // Its expiry month and its shard, from the faxId.
        GSI1PK: 'FAXEXPIRY#2027-01#8',
        GSI1SK: `${expiresAt}#${accepted.faxId}`,
        expiresAtEpoch: Date.parse(expiresAt) / 1000,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expect(put.Put.Item).toEqual(faxItem(storedFax({ faxId: accepted.faxId, expiresAt })));
  });

  it('acknowledges a redelivered record whose fax already exists, changing nothing', async () => {
    // Prepare
    givenDelivered();

    // Act
    const { failed } = await deliver(record(1));

    // Assess
    expect(failed).toEqual([]);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(s3).not.toHaveReceivedCommand(DeleteObjectCommand);
  });
});

describe('deliver-fax: faxes that must not reach the inbox', () => {
  it('drops a fax whose account stopped taking data after it was read (an erasure began, or a deactivation): not written, refused, its document deleted', async () => {
    // Prepare: the save's condition on the account fails; the refusal that follows holds
    ddb.on(TransactWriteCommand).callsFake(({ TransactItems = [] }: TransactWriteCommandInput) => {
      const onTheAccount = (item: (typeof TransactItems)[number]) => item.ConditionCheck?.Key?.SK === 'PROFILE';
      if (TransactItems.some(onTheAccount)) throw transactionCanceled(...TransactItems.map((item) => (onTheAccount(item) ? 'ConditionalCheckFailed' : 'None')));
      return {};
    });

    // Act
    const { failed } = await deliver(record(1));

    // Assess
    expect(failed).toEqual([]);
    const [, , accountCheck] = ddb.commandCalls(TransactWriteCommand)[0].args[0].input.TransactItems!;
    expect(accountCheck).toEqual({
      ConditionCheck: {
        TableName: TABLE_NAME,
        Key: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'PROFILE' },
        ConditionExpression: '#status = :active AND attribute_not_exists(removal)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': 'active' },
      },
    });
    expect(refusals()).toHaveLength(1);
    expect(deletedKeys()).toEqual([`faxes/${faxIdOf(1)}`]);
  });

  it('drops a fax from a sender the customer blocked: not written, its document deleted, not a failure', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: blockedKey(SENDER, ACCOUNT_ID) }).resolves({ Item: { ...blockedKey(SENDER), faxNumber: SENDER, blockedAt: '2026-11-01T00:00:00.000Z' } });

    // Act
    const { failed } = await deliver(record(1));

    // Assess
    expect(failed).toEqual([]);
    expect(writtenFaxIds()).toEqual([]);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: FAX_BUCKET, Key: message(1).documentKey });
  });

  it('marks the fax refused before deleting its document, so a later copy of the message cannot deliver it', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: blockedKey(SENDER, ACCOUNT_ID) }).resolves({ Item: { faxNumber: SENDER } });

    // Act
    await deliver(record(1));

    // Assess
    // One transaction: the marker, only while the fax is not in the inbox.
    expect(refusals()).toEqual([
      {
        TransactItems: [
          { ConditionCheck: { TableName: TABLE_NAME, Key: faxKey(faxIdOf(1), ACCOUNT_ID), ConditionExpression: 'attribute_not_exists(PK)' } },
          { Put: { TableName: TABLE_NAME, Item: { ...goneKey(faxIdOf(1), ACCOUNT_ID), type: 'fax_gone', expiresAtEpoch: Date.parse('2027-01-27T10:00:01.000Z') / 1000 } } },
        ],
      },
    ]);
    expect(callSequence({ refusal: ddb.commandCalls(TransactWriteCommand)[0], deletion: s3.commandCalls(DeleteObjectCommand)[0] })).toEqual(['refusal', 'deletion']);
  });

  it.each([
    ['was deactivated', account({ status: 'deactivated', deactivatedAt: '2026-11-28T10:00:03.000Z' })],
    ['belongs to a sign-up not proven yet (pending)', account({ status: 'pending' })],
    ['now belongs to another account', account({ accountId: OTHER_ACCOUNT_ID })],
    ['belongs to no account any more', undefined],
  ])('drops a fax whose number %s: not written, its document deleted, not a failure', async (_case, owner) => {
    // Prepare
    ddb.reset();
    givenRecipient(ddb, owner);

    // Act
    const { failed } = await deliver(record(1));

    // Assess
    expect(failed).toEqual([]);
    expect(writtenFaxIds()).toEqual([]);
    expect(refusals()).toHaveLength(1);
    expect(deletedKeys()).toEqual([message(1).documentKey]);
  });

  it.each([
    ['its sender was blocked', () => ddb.on(GetCommand, { Key: blockedKey(SENDER, ACCOUNT_ID) }).resolves({ Item: { faxNumber: SENDER } })],
    ['its account was deactivated', () => givenRecipient(ddb, account({ status: 'deactivated', deactivatedAt: '2026-11-28T10:05:00.000Z' }))],
  ])('keeps a fax already delivered when its record comes again after %s (a retried batch): its document is not deleted', async (_case, change) => {
    // Prepare
    change();
    givenDelivered();

    // Act
    const { failed } = await deliver(record(1));

    // Assess
    expect(failed).toEqual([]);
    expect(refusals()).toHaveLength(1);
    expect(s3).not.toHaveReceivedCommand(DeleteObjectCommand);
    expect(writtenFaxIds()).toEqual([]);
  });

  it('deletes the document again when an earlier refusal of the same fax did not finish (a retried record)', async () => {
    // Prepare: the marker exists but no fax item does, which no condition of the refusal checks.
    ddb.on(GetCommand, { Key: blockedKey(SENDER, ACCOUNT_ID) }).resolves({ Item: { faxNumber: SENDER } });

    // Act
    const { failed } = await deliver(record(1));

    // Assess
    expect(failed).toEqual([]);
    expect(refusals()[0].TransactItems?.[1].Put?.ConditionExpression).toBeUndefined();
    expect(deletedKeys()).toEqual([message(1).documentKey]);
  });
});

describe('deliver-fax: failures are reported per record, never dropped', () => {
  it('reports only the record whose inbox write is throttled; the others are delivered', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).callsFake((input: TransactWriteCommandInput) => {
      if (putOf(input)?.faxId === faxIdOf(2)) throw throttled();
      return {};
    });

    // Act
    const { failed, response } = await deliver(record(1), record(2), record(3));

    // Assess
    expect(failed).toEqual(['sqs-msg-2']);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'sqs-msg-2' }] });
    expect(writtenFaxIds()).toEqual(expect.arrayContaining([faxIdOf(1), faxIdOf(3)]));
  });

  it('reports only the record whose recipient lookup is throttled', async () => {
    // Prepare
    const other = message(2);
    const elsewhere = { ...other, to: '+15551239999' };
    ddb.on(GetCommand, { Key: { PK: 'NUMBER#+15551239999', SK: 'NUMBER' } }).rejects(throttled());

    // Act
    const { failed } = await deliver(record(1), sqsRecord('sqs-msg-2', elsewhere));

    // Assess
    expect(failed).toEqual(['sqs-msg-2']);
    expect(writtenFaxIds()).toEqual([faxIdOf(1)]);
    expect(s3).not.toHaveReceivedCommandWith(DeleteObjectCommand, { Key: other.documentKey });
  });

  it("reports a blocked sender's record whose document cannot be deleted (S3 5xx), so the deletion is retried", async () => {
    // Prepare
    ddb.on(GetCommand, { Key: blockedKey(SENDER, ACCOUNT_ID) }).resolves({ Item: { faxNumber: SENDER } });
    s3.on(DeleteObjectCommand).rejects(s3ServerError());

    // Act
    const { failed } = await deliver(record(1));

    // Assess
    expect(failed).toEqual(['sqs-msg-1']);
    expect(writtenFaxIds()).toEqual([]);
  });

  it.each<[string, string]>([
    ['a body that is not JSON', 'fax.accepted faxId=fax_1'],
    ['a body of truncated JSON', JSON.stringify(message(9)).slice(0, 40)],
    ['version 2 of the contract', JSON.stringify({ ...message(9), version: 2 })],
    ['another event type', JSON.stringify({ ...message(9), type: 'fax.deleted' })],
    ['a required field missing', JSON.stringify({ ...message(9), documentKey: undefined })],
    ['an unknown field', JSON.stringify({ ...message(9), priority: 'high' })],
    ['a JSON null body', 'null'],
  ])('reports a record with %s as failed (retried, then dead-lettered), delivering the rest', async (_case, body) => {
    // Act
    const { failed } = await deliver(record(1), sqsRecord('sqs-msg-bad', body), record(2));

    // Assess
    expect(failed).toEqual(['sqs-msg-bad']);
    expect(writtenFaxIds().sort()).toEqual([faxIdOf(1), faxIdOf(2)]);
    expect(s3).not.toHaveReceivedCommandWith(DeleteObjectCommand, { Key: message(9).documentKey });
  });
});

describe('deliver-fax: metrics and tracing', () => {
  const logLines = (logs: string) => logs.split('\n').filter((line) => line.includes('"message handled"')).map((line) => JSON.parse(line));

  it('counts delivered and refused faxes of a batch', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: blockedKey(SENDER, ACCOUNT_ID) }).resolves({ Item: { ...blockedKey(SENDER), faxNumber: SENDER, blockedAt: '2026-11-01T00:00:00.000Z' } });
    const fromOther = (n: number) => sqsRecord(`sqs-msg-${n}`, { ...message(n), from: `+1555000000${n}` });

    // Act
    const { failed, logs } = await deliver(record(1), fromOther(2), fromOther(3));

    // Assess
    expect(failed).toEqual([]);
    expect(emittedMetrics(logs).map((emitted) => emitted.values)).toEqual([{ FaxesDelivered: 2, FaxesRefused: 1 }]);
  });

  it("logs each message's outcome with the id of the HTTP request that queued it", async () => {
    // Prepare
    const traced = sqsRecord('sqs-msg-1', message(1), { [REQUEST_ID_ATTRIBUTE]: 'req-ingest-0042' });

    // Act
    const { logs } = await deliver(traced, record(2));

    // Assess
    expect(logLines(logs).find((line) => line.messageId === 'sqs-msg-1')).toMatchObject({ requestId: 'req-ingest-0042', outcome: 'delivered' });
    expect(logLines(logs).find((line) => line.messageId === 'sqs-msg-2')).not.toHaveProperty('requestId');
  });
});
