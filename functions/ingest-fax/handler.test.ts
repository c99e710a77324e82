import 'aws-sdk-client-mock-jest';
import { createHash } from 'node:crypto';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import * as z from 'zod/mini';
import { faxAcceptedV1 } from '../../events/fax-accepted';
import { containsCardNumber } from '../../shared/card-data';
import type { GatewayReceipt } from '../../shared/faxes/ports';
import { ACCOUNT_ID, TABLE_NAME, account, transactItems, transactionCanceled } from '../../test/support/accounts';
import { callSequence, conditionalCheckFailed, throttled } from '../../test/support/aws';
import { pinClock } from '../../test/support/clock';
import {
  FAX_BUCKET,
  FAX_NUMBER,
  FAX_QUEUE_URL,
  GATEWAY_EVENT_ID,
  GATEWAY_SECRET,
  HASH_KEY,
  NEXT_GATEWAY_SECRET,
  OTHER_FAX_ID,
  SENDER,
  UPLOAD_ID,
  WEBHOOK_ID,
  deliveryItem,
  deliveryKey,
  eventItem,
  fingerprintUnder,
  gatewayEventKey,
  givenRecipient,
  inboundFaxBody,
  pdfBytes,
  pendingReceipt,
  receipt,
  uploadKey,
  signedGatewayEvent,
  tiffBytes,
  useFaxEnvironment,
  type Signing,
} from '../../test/support/faxes';
import { invoke } from '../../test/support/http';
import { numberItem, numberKey } from '../../test/support/numbers';
import { emittedMetrics } from '../../test/support/metrics';
import { REQUEST_ID_ATTRIBUTE } from '../../events/message-attributes';

// The handler binds its stores, queue and gateway secrets when imported: set them, then load it.
// Two secrets are configured, as while one is rotated out.
useFaxEnvironment(`${GATEWAY_SECRET} ${NEXT_GATEWAY_SECRET}`);
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const sqs = mockClient(SQSClient);

const NOW = '2026-11-28T10:00:05.000Z';
const NOW_SECONDS = Date.parse(NOW) / 1000;
const isNew = 'attribute_not_exists(PK)';
/** API.md: inline documents up to 4 MiB decoded. */
const INLINE_LIMIT_BYTES = 4 * 1024 * 1024;
const OTHER_SECRET = 'whsec_' + Buffer.from('a-secret-nobody-configured').toString('base64');

const postFax = (body: unknown, signing?: Signing) => invoke(handler, signedGatewayEvent('/gateway/faxes', body, signing));
const withDocument = (contentType: string, bytes: Buffer) => inboundFaxBody({ document: { contentType, contentBase64: bytes.toString('base64') } });

const storedReceipts = (...items: Record<string, unknown>[]) => ({ Responses: { [TABLE_NAME]: items } });
const givenEarlierReceipt = (stored: GatewayReceipt) => ddb.on(BatchGetCommand).resolves(storedReceipts(deliveryItem(stored)));
const sentMessages = () => sqs.commandCalls(SendMessageCommand).map((call) => JSON.parse(call.args[0].input.MessageBody!));
const putKey = () => s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Key;
const expectNothingTouched = () => {
  expect(ddb).not.toHaveReceivedAnyCommand();
  expect(s3).not.toHaveReceivedAnyCommand();
  expect(sqs).not.toHaveReceivedAnyCommand();
};

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  s3.reset();
  sqs.reset();
  givenRecipient(ddb, account());
  ddb.on(BatchGetCommand).resolves(storedReceipts());
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
  s3.on(PutObjectCommand).resolves({});
  s3.on(DeleteObjectCommand).resolves({});
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-message-1' });
});
afterEach(() => jest.restoreAllMocks());

describe('POST /gateway/faxes: Standard Webhooks signatures', () => {
  it.each<[string, Signing, unknown?]>([
    ['no signature headers at all', { omit: ['webhook-id', 'webhook-timestamp', 'webhook-signature'] }],
    ['no webhook-signature', { omit: ['webhook-signature'] }],
    ['no webhook-id', { omit: ['webhook-id'] }],
    ['no webhook-timestamp', { omit: ['webhook-timestamp'] }],
    ['a signature under a secret not configured', { secret: OTHER_SECRET }],
    ['a garbage signature', { signature: 'v1,bm90IGEgc2lnbmF0dXJl' }],
    ['a timestamp 301 s old', { timestamp: String(NOW_SECONDS - 301) }],
    ['a timestamp 301 s ahead', { timestamp: String(NOW_SECONDS + 301) }],
  ])('answers 401 to a request with %s, touching nothing', async (_case, signing) => {
    // Act
    const reply = await postFax(inboundFaxBody(), signing);

    // Assess
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expectNothingTouched();
  });

  it.each([
    ['of 3,000 characters', 'm'.repeat(3_000)],
    ['of 129 characters', 'm'.repeat(129)],
    ['with a space', 'msg 1'],
    ['with a non-ASCII character', 'msg_é'],
  ])('answers 400 to a correctly signed webhook-id %s, touching nothing', async (_case, id) => {
    // Act
    const reply = await postFax(inboundFaxBody(), { id });

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'webhook-id', message: 'Must be 1 to 128 visible ASCII characters.' }]);
    expect(reply.text).not.toContain(id);
    expectNothingTouched();
  });

  it('answers 401, not 400, to a long webhook-id that is not signed', async () => {
    // Act
    const reply = await postFax(inboundFaxBody(), { id: 'm'.repeat(3_000), secret: OTHER_SECRET });

    // Assess
    expect(reply.status).toBe(401);
    expectNothingTouched();
  });

  it('answers 401 when the body was changed after signing, touching nothing', async () => {
    // Prepare
    const original = JSON.stringify(inboundFaxBody());
    const event = signedGatewayEvent('/gateway/faxes', original);
    event.body = original.replace('"pages":2', '"pages":3');

    // Act
    const reply = await invoke(handler, event);

    // Assess
    expect(reply.status).toBe(401);
    expectNothingTouched();
  });

  it('answers 401 before reading a body that is not even JSON', async () => {
    // Act
    const reply = await postFax('not json', { secret: OTHER_SECRET });

    // Assess
    expect(reply.status).toBe(401);
    expectNothingTouched();
  });

  it('accepts a request signed with the secret being rotated in', async () => {
    // Act
    const reply = await postFax(inboundFaxBody(), { secret: NEXT_GATEWAY_SECRET });

    // Assess
    expect(reply.status).toBe(202);
  });

  it('accepts a timestamp exactly 300 s old', async () => {
    // Act
    const reply = await postFax(inboundFaxBody(), { timestamp: String(NOW_SECONDS - 300) });

    // Assess
    expect(reply.status).toBe(202);
  });
});

describe('POST /gateway/faxes: a new fax', () => {
  it('answers 202 with a new fax id and status accepted', async () => {
    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ faxId: expect.stringMatching(/^fax_[0-9A-Z]{26}$/), status: 'accepted' });
    expect(reply.headers['x-request-id']).toBeDefined();
  });

  it('looks for an earlier delivery by both the webhook id and the gateway event id, consistently', async () => {
    // Act
    await postFax(inboundFaxBody());

    // Assess
    expect(ddb).toHaveReceivedCommandWith(BatchGetCommand, {
      RequestItems: { [TABLE_NAME]: { Keys: [deliveryKey(WEBHOOK_ID), gatewayEventKey(GATEWAY_EVENT_ID)], ConsistentRead: true } },
    });
  });

  it('stores the document in S3 first, then records the receipt, then queues the fax, then marks the receipt enqueued', async () => {
    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: FAX_BUCKET,
      Key: `faxes/${reply.body.faxId}`,
      Body: pdfBytes(),
      ContentType: 'application/pdf',
    });
    const order = callSequence({
      'S3 PutObject': s3.commandCalls(PutObjectCommand)[0],
      'DynamoDB TransactWrite (receipt)': ddb.commandCalls(TransactWriteCommand)[0],
      'SQS SendMessage': sqs.commandCalls(SendMessageCommand)[0],
      'DynamoDB Update (enqueued)': ddb.commandCalls(UpdateCommand)[0],
    });
    expect(order).toEqual(['S3 PutObject', 'DynamoDB TransactWrite (receipt)', 'SQS SendMessage', 'DynamoDB Update (enqueued)']);
  });

  it('records the receipt under DELIVERY#<webhook-id> and GATEWAYEVENT#<accountId>#<eventId>, each only if new, kept 7 days', async () => {
    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const puts = transactItems(ddb).map((item) => item.Put);
    expect(puts).toHaveLength(2);
    const [message] = sentMessages();
    const ids = {
      type: 'gateway_receipt',
      webhookId: WEBHOOK_ID,
      gatewayEventId: GATEWAY_EVENT_ID,
      accountId: ACCOUNT_ID,
      faxId: reply.body.faxId,
      fingerprint: receipt().fingerprint,
      requestId: 'req-0001-unit',
      expiresAtEpoch: NOW_SECONDS + 7 * 24 * 3600,
    };
    expect(puts[0]).toEqual({
      TableName: TABLE_NAME,
      Item: { ...deliveryKey(WEBHOOK_ID), ...ids, pendingMessage: message, GSI2PK: expect.stringMatching(/^PENDINGFAX#[0-7]$/), GSI2SK: `${NOW}#${reply.body.faxId}` },
      ConditionExpression: isNew,
    });
    expect(puts[1]).toEqual({ TableName: TABLE_NAME, Item: { ...gatewayEventKey(GATEWAY_EVENT_ID), ...ids }, ConditionExpression: isNew });
  });

  it('keeps no number, name or station id in a receipt but the pending message, nor in its keys', async () => {
    // Act
    await postFax(inboundFaxBody());

    // Assess
    const [byDelivery, byEvent] = transactItems(ddb).map((item) => item.Put.Item);
    const { pendingMessage: _pending, ...deliveryIds } = byDelivery;
    for (const item of [deliveryIds, byEvent]) {
      const stored = JSON.stringify(item);
      for (const personal of [SENDER, FAX_NUMBER, FAX_NUMBER.slice(1), 'ACME FAX', '2026-11-28T10:00:00']) expect(stored).not.toContain(personal);
    }
  });

  it('fingerprints the fax with an HMAC under the pseudonymisation key, never a plain hash a number could be guessed from', async () => {
    // Act
    await postFax(inboundFaxBody());

    // Assess
    const [byDelivery, byEvent] = transactItems(ddb).map((item) => item.Put.Item);
    expect(byEvent.fingerprint).toBe(fingerprintUnder(HASH_KEY, ACCOUNT_ID, inboundFaxBody()));
    expect(byEvent.fingerprint).not.toBe(fingerprintUnder('another-key', ACCOUNT_ID, inboundFaxBody()));
    const unkeyed = JSON.stringify(['fax-fingerprint-v1', ACCOUNT_ID, GATEWAY_EVENT_ID, SENDER, Date.parse('2026-11-28T10:00:00Z')]);
    const { pendingMessage: _pending, ...deliveryIds } = byDelivery;
    for (const item of [deliveryIds, byEvent]) {
      const stored = JSON.stringify(item);
      for (const plain of [unkeyed, SENDER]) {
        for (const encoding of ['hex', 'base64', 'base64url'] as const) expect(stored).not.toContain(createHash('sha256').update(plain).digest(encoding));
      }
    }
  });

  it('queues a valid fax.accepted v1 message describing the stored document', async () => {
    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: FAX_QUEUE_URL });
    const [message] = sentMessages();
    expect(z.safeParse(faxAcceptedV1, message).success).toBe(true);
    expect(message).toEqual({
      type: 'fax.accepted',
      version: 1,
      faxId: reply.body.faxId,
      accountId: ACCOUNT_ID,
      from: SENDER,
      to: FAX_NUMBER,
      remoteStationId: 'ACME FAX',
      pages: 2,
      contentType: 'application/pdf',
      sizeBytes: pdfBytes().length,
      receivedAt: '2026-11-28T10:00:00Z',
      acceptedAt: NOW,
      documentKey: putKey(),
    });
  });

  it('once the queue has the fax, drops the message from the receipt and takes it off the re-drive index', async () => {
    // Act
    await postFax(inboundFaxBody());

    // Assess
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: TABLE_NAME,
      Key: deliveryKey(WEBHOOK_ID),
      UpdateExpression: 'REMOVE pendingMessage, GSI2PK, GSI2SK',
      ConditionExpression: 'attribute_exists(PK)',
    });
  });

  it.each([
    ['a little-endian TIFF', tiffBytes('II')],
    ['a big-endian TIFF', tiffBytes('MM')],
  ])('accepts %s declared as image/tiff', async (_case, bytes) => {
    // Act
    const reply = await postFax(withDocument('image/tiff', bytes));

    // Assess
    expect(reply.status).toBe(202);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { Body: bytes, ContentType: 'image/tiff' });
  });

  it('accepts an inline document of exactly 4 MiB decoded', async () => {
    // Act
    const reply = await postFax(withDocument('application/pdf', pdfBytes(INLINE_LIMIT_BYTES)));

    // Assess
    expect(reply.status).toBe(202);
    expect(sentMessages()[0].sizeBytes).toBe(INLINE_LIMIT_BYTES);
  });

  it('does not screen gateway documents for card data: base64 holding a Luhn-valid digit run is accepted', async () => {
    // Prepare: "JVBERi0x" decodes to "%PDF-1"; the digits that follow are valid base64 too.
    const contentBase64 = 'JVBERi0x' + '4111111111111111';
    expect(containsCardNumber(contentBase64)).toBe(true);
    const body = inboundFaxBody({ document: { contentType: 'application/pdf', contentBase64 } });

    // Act
    const reply = await postFax(body);

    // Assess
    expect(reply.status).toBe(202);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { Body: Buffer.from(contentBase64, 'base64') });
  });
});

describe('POST /gateway/faxes: repeated deliveries', () => {
  it.each([
    ['already enqueued: nothing is sent again', receipt(), 0],
    ['not yet enqueued: the pending message is sent and dropped from the receipt', pendingReceipt(), 1],
  ])('answers a repeat found by its receipt with the same fax id, storing nothing (%s)', async (_case, earlier, sends) => {
    // Prepare
    givenEarlierReceipt(earlier);

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ faxId: OTHER_FAX_ID, status: 'accepted' });
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, sends);
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, sends);
    if (earlier.pendingMessage) expect(sentMessages()).toEqual([earlier.pendingMessage]);
  });

  it('queues a pending message under the request id of the ingest that accepted the fax, not the repeat\'s', async () => {
    // Prepare
    givenEarlierReceipt(pendingReceipt({ requestId: 'req-the-first-ingest' }));

    // Act
    const reply = await invoke(handler, signedGatewayEvent('/gateway/faxes', inboundFaxBody(), {}, { requestId: 'req-the-repeat' }));

    // Assess
    expect(reply.status).toBe(202);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      MessageAttributes: { [REQUEST_ID_ATTRIBUTE]: { DataType: 'String', StringValue: 'req-the-first-ingest' } },
    });
  });

  it('answers a repeat whose pending receipt expired meanwhile, having queued its message', async () => {
    // Prepare
    givenEarlierReceipt(pendingReceipt());
    ddb.on(UpdateCommand).rejects(conditionalCheckFailed());

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body.faxId).toBe(OTHER_FAX_ID);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
  });

  it('still answers a repeated webhook-id with its fax after the number left its account', async () => {
    // Prepare
    ddb.reset();
    givenRecipient(ddb, undefined);
    givenEarlierReceipt(receipt());

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body.faxId).toBe(OTHER_FAX_ID);
    expect(ddb).toHaveReceivedCommandWith(BatchGetCommand, { RequestItems: { [TABLE_NAME]: { Keys: [deliveryKey(WEBHOOK_ID)], ConsistentRead: true } } });
  });

  it('answers a repeated gateway event id under a new webhook id with the first fax, queueing the first delivery\'s pending message', async () => {
    // Prepare
    const earlier = pendingReceipt({ webhookId: 'msg_the_first_delivery' });
    ddb.on(BatchGetCommand).resolves(storedReceipts(eventItem(earlier)));
    ddb.on(GetCommand, { Key: deliveryKey('msg_the_first_delivery') }).resolves({ Item: deliveryItem(earlier) });

    // Act
    const reply = await postFax(inboundFaxBody(), { id: 'msg_a_second_delivery' });

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body.faxId).toBe(OTHER_FAX_ID);
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sentMessages()).toEqual([earlier.pendingMessage]);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, { Key: deliveryKey('msg_the_first_delivery') });
  });

  it.each([
    ['with milliseconds', '2026-11-28T10:00:00.000Z'],
    ['with microseconds', '2026-11-28T10:00:00.000000Z'],
  ])('takes a retry whose receivedAt names the same instant %s for the same fax, not another (no 409)', async (_case, receivedAt) => {
    // Prepare: the first delivery said 2026-11-28T10:00:00Z.
    const earlier = receipt({ webhookId: 'msg_the_first_delivery' });
    ddb.on(BatchGetCommand).resolves(storedReceipts(eventItem(earlier)));

    // Act
    const reply = await postFax(inboundFaxBody({ receivedAt }), { id: 'msg_a_second_delivery' });

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body.faxId).toBe(OTHER_FAX_ID);
  });

  it.each([
    ['another sender', { from: '+15550001111' }],
    ['another instant', { receivedAt: '2026-11-28T10:00:00.001Z' }],
  ])('refuses (409) a fax from %s that reuses an earlier fax\'s gateway event id, storing nothing', async (_case, overrides) => {
    // Prepare
    const earlier = receipt({ webhookId: 'msg_the_first_delivery' });
    ddb.on(BatchGetCommand).resolves(storedReceipts(eventItem(earlier)));

    // Act
    const reply = await postFax(inboundFaxBody(overrides), { id: 'msg_another_fax' });

    // Assess
    expect(reply.status).toBe(409);
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('a race lost to a concurrent delivery deletes its own document and answers the winner\'s fax id', async () => {
    // Prepare
    const winner = pendingReceipt();
    ddb.on(BatchGetCommand).resolvesOnce(storedReceipts()).resolves(storedReceipts(deliveryItem(winner)));
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ faxId: OTHER_FAX_ID, status: 'accepted' });
    const ours = putKey();
    expect(ours).not.toBe(winner.pendingMessage.documentKey);
    expect(s3).toHaveReceivedCommandTimes(DeleteObjectCommand, 1);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: FAX_BUCKET, Key: ours });
    expect(sentMessages()).toEqual([winner.pendingMessage]);
  });

  it('a race lost to another fax reusing the event id answers 409, deleting its own document and queueing nothing', async () => {
    // Prepare
    const winner = pendingReceipt({ webhookId: 'msg_another_fax' });
    ddb.on(BatchGetCommand).resolvesOnce(storedReceipts()).resolves(storedReceipts(eventItem(winner)));
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('None', 'ConditionalCheckFailed'));

    // Act
    const reply = await postFax(inboundFaxBody({ from: '+15550001111' }));

    // Assess
    expect(reply.status).toBe(409);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: FAX_BUCKET, Key: putKey() });
    expect(sqs).not.toHaveReceivedAnyCommand();
  });
});

describe('POST /gateway/faxes: reading receipts in one batch', () => {
  it('matches the items BatchGetItem answers by key, preferring the delivery\'s own receipt whatever the order', async () => {
    // Prepare: this webhook id's receipt, and another fax's under the gateway event key, answered event first.
    const own = receipt({ faxId: OTHER_FAX_ID });
    const other = receipt({ webhookId: 'msg_another_delivery', faxId: 'fax_01KB0000000000000000000009' });
    ddb.on(BatchGetCommand).resolves(storedReceipts(eventItem(other), deliveryItem(own)));

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body.faxId).toBe(OTHER_FAX_ID);
  });

  it('asks again for keys left unprocessed (throttling), so a repeat is not taken for a new fax', async () => {
    // Prepare
    ddb.on(BatchGetCommand)
      .resolvesOnce({ Responses: { [TABLE_NAME]: [] }, UnprocessedKeys: { [TABLE_NAME]: { Keys: [deliveryKey(WEBHOOK_ID)], ConsistentRead: true } } })
      .resolves(storedReceipts(deliveryItem(receipt())));

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body.faxId).toBe(OTHER_FAX_ID);
    expect(ddb).toHaveReceivedCommandTimes(BatchGetCommand, 2);
    expect(ddb.commandCalls(BatchGetCommand)[1].args[0].input.RequestItems).toEqual({ [TABLE_NAME]: { Keys: [deliveryKey(WEBHOOK_ID)], ConsistentRead: true } });
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 500, storing nothing, when keys stay unprocessed after 5 attempts', async () => {
    // Prepare
    ddb.on(BatchGetCommand).resolves({ Responses: { [TABLE_NAME]: [] }, UnprocessedKeys: { [TABLE_NAME]: { Keys: [deliveryKey(WEBHOOK_ID)] } } });

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(500);
    expect(ddb).toHaveReceivedCommandTimes(BatchGetCommand, 5);
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('POST /gateway/faxes: refused faxes store nothing', () => {
  it.each([
    ['TIFF bytes declared as a PDF', withDocument('application/pdf', tiffBytes('II'))],
    ['PDF bytes declared as a TIFF', withDocument('image/tiff', pdfBytes())],
    ['text declared as a PDF', withDocument('application/pdf', Buffer.from('this is not a fax document'))],
  ])('answers 422 for %s (magic bytes), with no S3 put', async (_case, body) => {
    // Act
    const reply = await postFax(body);

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it.each([
    ['belongs to no account', undefined],
    ['belongs to a deactivated account', account({ status: 'deactivated', deactivatedAt: '2026-11-01T00:00:00.000Z' })],
    ['belongs to a sign-up not proven yet (pending)', account({ status: 'pending' })],
  ])('answers 422 when the number faxed %s, with no S3 put', async (_case, owner) => {
    // Prepare
    ddb.reset();
    givenRecipient(ddb, owner);
    ddb.on(BatchGetCommand).resolves(storedReceipts());

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(422);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: { PK: `NUMBER#${FAX_NUMBER}`, SK: 'NUMBER' } });
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it.each([
    ['available (held by nobody)', numberItem(FAX_NUMBER, 'available')],
    ['quarantined after an erasure', numberItem(FAX_NUMBER, 'quarantined', { quarantinedUntil: '2027-02-01T00:00:00.000Z' })],
    // Only the status says who holds a number: an accountId left on another status routes nothing.
    ['quarantined, with a stray account id', numberItem(FAX_NUMBER, 'quarantined', { accountId: ACCOUNT_ID, quarantinedUntil: '2027-02-01T00:00:00.000Z' })],
  ])('answers 422 when the number faxed is in the inventory but %s, reading no account', async (_case, item) => {
    // Prepare
    ddb.reset();
    givenRecipient(ddb, undefined);
    ddb.on(GetCommand, { Key: numberKey(FAX_NUMBER) }).resolves({ Item: item });
    ddb.on(BatchGetCommand).resolves(storedReceipts());

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(422);
    expect(ddb).not.toHaveReceivedCommandWith(GetCommand, { Key: { PK: `ACCOUNT#${ACCOUNT_ID}`, SK: 'PROFILE' } });
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('answers 413 for an inline document one byte over 4 MiB decoded, with no S3 put', async () => {
    // Act
    const reply = await postFax(withDocument('application/pdf', pdfBytes(INLINE_LIMIT_BYTES + 1)));

    // Assess
    expect(reply.status).toBe(413);
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 400 for a body with an unknown field, touching nothing', async () => {
    // Act
    const reply = await postFax(inboundFaxBody({ priority: 'high' }));

    // Assess
    expect(reply.status).toBe(400);
    expectNothingTouched();
  });

  it.each([
    ['an eventId of 1,000 characters', { eventId: 'e'.repeat(1_000) }, 'eventId'],
    ['an eventId with a space', { eventId: 'evt 1' }, 'eventId'],
    ['an eventId with a control character', { eventId: 'evt\u00001' }, 'eventId'],
    ['a remoteStationId with a NUL', { remoteStationId: 'ACME\u0000FAX' }, 'remoteStationId'],
    ['a blank remoteStationId', { remoteStationId: '    ' }, 'remoteStationId'],
    ['a remoteStationId with a lone surrogate', { remoteStationId: 'ACME \uDC00' }, 'remoteStationId'],
  ])('answers 400 for %s, touching nothing', async (_case, overrides, path) => {
    // Act
    const reply = await postFax(inboundFaxBody(overrides));

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path, message: expect.any(String) }]);
    expectNothingTouched();
  });
});

describe('POST /gateway/faxes: failing dependencies make the gateway retry', () => {
  it('answers 500 when the receipt transaction is throttled, keeping the document (the write may have landed)', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(throttled());

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(500);
    expect(reply.text).not.toMatch(/throughput|ProvisionedThroughput/i);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { Bucket: FAX_BUCKET, Key: putKey() });
    expect(s3).not.toHaveReceivedCommand(DeleteObjectCommand);
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('answers 500 when SQS refuses the message, leaving the receipt pending on the re-drive index and the document in place', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }));

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(500);
    expect(transactItems(ddb)[0].Put.Item).toMatchObject({ pendingMessage: expect.any(Object), GSI2PK: expect.stringMatching(/^PENDINGFAX#/) });
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
    expect(s3).not.toHaveReceivedCommand(DeleteObjectCommand);
  });

  it('answers 202 when the queue took the fax but its receipt could not drop the message: the re-drive sweeps it, no redelivery queues it twice', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(throttled());

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ faxId: expect.stringMatching(/^fax_/), status: 'accepted' });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(transactItems(ddb)[0].Put.Item).toMatchObject({ GSI2PK: expect.stringMatching(/^PENDINGFAX#/) });
    const warning = reply.logs.split('\n').find((line) => line.includes('receipt stays pending'));
    expect(JSON.parse(warning!)).toMatchObject({ level: 'WARN', faxId: reply.body.faxId });
    for (const personal of [SENDER, FAX_NUMBER, FAX_NUMBER.slice(1), 'ACME FAX']) expect(reply.logs).not.toContain(personal);
  });
});

describe('POST /gateway/faxes: documents posted through an upload', () => {
  const ETAG = '"9b2cf535f27731c974343645a3985328"';
  const givenUpload = (
    declared: { contentType: string; sizeBytes: number },
    uploaded: Buffer,
    { createdAt = '2026-11-28T09:55:00.000Z', faxId }: { createdAt?: string; faxId?: string } = {},
  ) => {
    ddb.on(GetCommand, { Key: uploadKey(UPLOAD_ID) }).resolves({
      Item: {
        ...uploadKey(UPLOAD_ID),
        type: 'upload',
        uploadId: UPLOAD_ID,
        ...declared,
        createdAt,
        expiresAt: new Date(Date.parse(createdAt) + 15 * 60 * 1000).toISOString(),
        ...(faxId ? { faxId } : {}),
      },
    });
    const firstBytes = uploaded.subarray(0, 5);
    s3.on(GetObjectCommand, { Key: `uploads/${UPLOAD_ID}` }).resolves({
      ContentRange: `bytes 0-${firstBytes.length - 1}/${uploaded.length}`,
      ContentLength: firstBytes.length,
      ETag: ETAG,
      Body: { transformToByteArray: async () => firstBytes } as never,
    });
    s3.on(CopyObjectCommand).resolves({});
  };
  const withUpload = () => inboundFaxBody({ document: { uploadId: UPLOAD_ID } });
  const pdfUpload = (size = 1024) => {
    const uploaded = pdfBytes(size);
    givenUpload({ contentType: 'application/pdf', sizeBytes: uploaded.length }, uploaded);
    return uploaded;
  };

  it('takes an upload whose 15-minute URL has lapsed, within a day of its creation (gateways retry)', async () => {
    const uploaded = pdfBytes(1024);
    givenUpload({ contentType: 'application/pdf', sizeBytes: uploaded.length }, uploaded, { createdAt: '2026-11-27T10:00:10.000Z' });

    expect((await postFax(withUpload())).status).toBe(202);
  });

  it('refuses an upload created a day ago or more (422), copying nothing', async () => {
    const uploaded = pdfBytes(1024);
    givenUpload({ contentType: 'application/pdf', sizeBytes: uploaded.length }, uploaded, { createdAt: '2026-11-27T10:00:05.000Z' });

    expect((await postFax(withUpload())).status).toBe(422);
    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
  });

  it('copies the uploaded document to the fax key, only as the version checked, before recording the receipt', async () => {
    // Prepare
    const uploaded = pdfUpload(6 * 1024 * 1024);

    // Act
    const reply = await postFax(withUpload());

    // Assess
    expect(reply.status).toBe(202);
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: FAX_BUCKET, Key: `uploads/${UPLOAD_ID}`, Range: 'bytes=0-4' });
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, {
      Bucket: FAX_BUCKET,
      CopySource: `${FAX_BUCKET}/uploads/${UPLOAD_ID}`,
      CopySourceIfMatch: ETAG,
      Key: `faxes/${reply.body.faxId}`,
      ContentType: 'application/pdf',
    });
    expect(callSequence({ copy: s3.commandCalls(CopyObjectCommand)[0], receipt: ddb.commandCalls(TransactWriteCommand)[0] })).toEqual(['copy', 'receipt']);
    expect(sentMessages()[0]).toMatchObject({ sizeBytes: uploaded.length, contentType: 'application/pdf' });
  });

  it('claims the upload for this fax in the receipt\'s transaction, only if no fax has', async () => {
    // Prepare
    pdfUpload();

    // Act
    const reply = await postFax(withUpload());

    // Assess
    const items = transactItems(ddb);
    expect(items).toHaveLength(3);
    expect(items[2]).toEqual({
      Update: {
        TableName: TABLE_NAME,
        Key: uploadKey(UPLOAD_ID),
        UpdateExpression: 'SET faxId = :faxId',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(faxId)',
        ExpressionAttributeValues: { ':faxId': reply.body.faxId },
      },
    });
  });

  it('refuses (422) an upload another fax has used, copying nothing', async () => {
    // Prepare
    const uploaded = pdfBytes(1024);
    givenUpload({ contentType: 'application/pdf', sizeBytes: uploaded.length }, uploaded, { faxId: OTHER_FAX_ID });

    // Act
    const reply = await postFax(withUpload());

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.body.detail).toMatch(/already used/);
    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('a race for the upload lost to another fax answers 422, deleting its copy and queueing nothing', async () => {
    // Prepare: both receipts were new; the upload's claim was taken meanwhile.
    pdfUpload();
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('None', 'None', 'ConditionalCheckFailed'));

    // Act
    const reply = await postFax(withUpload());

    // Assess
    expect(reply.status).toBe(422);
    const ours = s3.commandCalls(CopyObjectCommand)[0].args[0].input.Key;
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: FAX_BUCKET, Key: ours });
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('answers a redelivery whose upload its first delivery claimed with the first fax, before any upload check', async () => {
    // Prepare
    const uploaded = pdfBytes(1024);
    givenUpload({ contentType: 'application/pdf', sizeBytes: uploaded.length }, uploaded, { faxId: OTHER_FAX_ID });
    givenEarlierReceipt(receipt());

    // Act
    const reply = await postFax(withUpload());

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.body.faxId).toBe(OTHER_FAX_ID);
    expect(ddb).not.toHaveReceivedCommandWith(GetCommand, { Key: uploadKey(UPLOAD_ID) });
    expect(s3).not.toHaveReceivedAnyCommand();
  });

  it('refuses (422) bytes replaced after they were checked: the copy\'s ETag condition fails, and nothing is recorded', async () => {
    // Prepare
    pdfUpload();
    s3.on(CopyObjectCommand).rejects(
      new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', message: 'At least one of the pre-conditions you specified did not hold', $metadata: { httpStatusCode: 412 } }),
    );

    // Act
    const reply = await postFax(withUpload());

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.body.detail).toMatch(/changed after it was checked/);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('answers 422 for an upload filled with nothing (S3 cannot range over an empty object), copying nothing', async () => {
    // Prepare
    pdfUpload();
    s3.on(GetObjectCommand).rejects(
      new S3ServiceException({ name: 'InvalidRange', $fault: 'client', message: 'The requested range is not satisfiable', $metadata: { httpStatusCode: 416 } }),
    );

    // Act
    const reply = await postFax(withUpload());

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.body.detail).toMatch(/declared size/);
    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
  });

  it.each([
    ['a size other than declared', { contentType: 'application/pdf', sizeBytes: 1000 }, pdfBytes(999)],
    ['bytes other than the declared type', { contentType: 'image/tiff', sizeBytes: 1000 }, pdfBytes(1000)],
  ])('answers 422 for an upload with %s, copying nothing', async (_case, declared, uploaded) => {
    // Prepare
    givenUpload(declared, uploaded);

    // Act
    const reply = await postFax(withUpload());

    // Assess
    expect(reply.status).toBe(422);
    expect(s3).not.toHaveReceivedCommand(CopyObjectCommand);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('POST /gateway/faxes: metrics and tracing', () => {
  it('counts a new fax as accepted', async () => {
    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.status).toBe(202);
    expect(emittedMetrics(reply.logs).map((emitted) => emitted.values)).toEqual([{ FaxesAccepted: 1 }]);
  });

  it('counts a repeated delivery as a duplicate, not as accepted', async () => {
    // Prepare
    givenEarlierReceipt(receipt({ faxId: OTHER_FAX_ID }));

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.body).toEqual({ faxId: OTHER_FAX_ID, status: 'accepted' });
    expect(emittedMetrics(reply.logs).map((emitted) => emitted.values)).toEqual([{ FaxDuplicates: 1 }]);
  });

  it('counts a race lost to a concurrent delivery as a duplicate', async () => {
    // Prepare
    const winner = pendingReceipt();
    ddb.on(BatchGetCommand).resolvesOnce(storedReceipts()).resolves(storedReceipts(deliveryItem(winner)));
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));

    // Act
    const reply = await postFax(inboundFaxBody());

    // Assess
    expect(reply.body).toEqual({ faxId: OTHER_FAX_ID, status: 'accepted' });
    expect(emittedMetrics(reply.logs).map((emitted) => emitted.values)).toEqual([{ FaxDuplicates: 1 }]);
  });

  it('counts nothing for a refused fax', async () => {
    // Act
    const reply = await postFax(inboundFaxBody(), { secret: OTHER_SECRET });

    // Assess
    expect(reply.status).toBe(401);
    expect(emittedMetrics(reply.logs)).toEqual([]);
  });

  it('sends the request id with the queued message, for the consumer to log', async () => {
    // Prepare
    const event = signedGatewayEvent('/gateway/faxes', inboundFaxBody(), {}, { requestId: 'req-ingest-0042' });

    // Act
    const reply = await invoke(handler, event);

    // Assess
    expect(reply.headers['x-request-id']).toBe('req-ingest-0042');
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, {
      MessageAttributes: { [REQUEST_ID_ATTRIBUTE]: { DataType: 'String', StringValue: 'req-ingest-0042' } },
    });
  });
});
