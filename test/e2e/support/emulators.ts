import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, GetObjectTaggingCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoSuppressionList } from '../../../shared/adapters/dynamo/email-stores';
import { DynamoReceiptStore, DynamoUploadStore } from '../../../shared/adapters/dynamo/gateway-stores';
import { DynamoRecipients } from '../../../shared/adapters/dynamo/fax-stores';
import { DynamoRightsRequestStore } from '../../../shared/adapters/dynamo/rights-request-store';
import type { RightsRequest } from '../../../shared/rights/request';
import { SqsEmailOutbox } from '../../../shared/adapters/sqs/email-outbox';
import type { EmailOutbox } from '../../../shared/email/outbox';
import type { SuppressionReason } from '../../../shared/email/ports';
import { suppressionKeyOf } from '../../../shared/email/suppression';
import type { QueueName } from '../../../infra/resources';
import { numberRelease } from '../../../shared/adapters/dynamo/number-items';
import { S3DocumentStore } from '../../../shared/adapters/s3/document-store';
import type { IngestDependencies } from '../../../shared/faxes/ingest';
import type { FaxQueue } from '../../../shared/faxes/ports';
import { FAX_BUCKET_NAME, TABLE_NAME } from '../../../infra/local/provision';
import { localPseudonymiser } from '../../../infra/local/runtime';

// Behind the API: the local runtime's emulators, for what no HTTP call can bring about (an SQS
// send that failed) and for what no HTTP call shows (what the table keeps).

const endpoint = (name: 'E2E_DYNAMODB_ENDPOINT' | 'E2E_S3_ENDPOINT' | 'E2E_SQS_ENDPOINT') => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests through jest (globalSetup starts the runtime)`);
  return value;
};

// s3rver accepts only its own key pair; DynamoDB Local takes any.
const local = { region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };

let tableClient: DynamoDBDocumentClient | undefined;
const table = () =>
  (tableClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({ ...local, endpoint: endpoint('E2E_DYNAMODB_ENDPOINT') }), {
    marshallOptions: { removeUndefinedValues: true },
  }));

/** The ingest's own stores (and the runtime's default pseudonymisation key) on the runtime's table and bucket, with `queue` in place of SQS. */
let bucketClient: S3Client | undefined;
const bucket = () =>
  (bucketClient ??= new S3Client({
    ...local,
    endpoint: endpoint('E2E_S3_ENDPOINT'),
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }));

export const ingestDependenciesWith = (queue: FaxQueue): IngestDependencies => {
  const client = table();
  return {
    receipts: new DynamoReceiptStore(client, TABLE_NAME),
    recipients: new DynamoRecipients(client, TABLE_NAME),
    uploads: new DynamoUploadStore(client, TABLE_NAME),
    documents: new S3DocumentStore(bucket(), FAX_BUCKET_NAME),
    queue,
    pseudonymiser: localPseudonymiser(),
  };
};

/** The table's item under a key, as stored (undefined when there is none). */
export const storedItem = async (PK: string, SK: string) =>
  (await table().send(new GetCommand({ TableName: TABLE_NAME, Key: { PK, SK }, ConsistentRead: true }))).Item;

/** Every item of the runtime's table, its key and `type` only (a Scan, page after page). */
export const storedItemKinds = async (): Promise<{ PK: string; SK: string; type?: unknown }[]> => {
  const found: { PK: string; SK: string; type?: unknown }[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await table().send(
      new ScanCommand({ TableName: TABLE_NAME, ProjectionExpression: 'PK, SK, #type', ExpressionAttributeNames: { '#type': 'type' }, ExclusiveStartKey }),
    );
    found.push(...((page.Items ?? []) as { PK: string; SK: string; type?: unknown }[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
};

/** Every item of the runtime's table, whole (a Scan, page after page). */
export const everyStoredItem = async (): Promise<Record<string, unknown>[]> => {
  const found: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await table().send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey }));
    found.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
};

/** The bytes of an object of the runtime's fax bucket. */
export const storedObject = async (key: string): Promise<Buffer> =>
  Buffer.from(await (await bucket().send(new GetObjectCommand({ Bucket: FAX_BUCKET_NAME, Key: key }))).Body!.transformToByteArray());

/** The tags of an object of the runtime's fax bucket, by key. */
export const storedObjectTags = async (key: string): Promise<Record<string, string>> => {
  const { TagSet = [] } = await bucket().send(new GetObjectTaggingCommand({ Bucket: FAX_BUCKET_NAME, Key: key }));
  return Object.fromEntries(TagSet.map(({ Key, Value }) => [Key ?? '', Value ?? '']));
};

/** Every object key in one of the runtime's buckets, the fax bucket unless named (a listing, page after page). */
export const storedObjectKeys = async (bucketName = FAX_BUCKET_NAME): Promise<string[]> => {
  const keys: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await bucket().send(new ListObjectsV2Command({ Bucket: bucketName, ContinuationToken }));
    keys.push(...(page.Contents ?? []).map(({ Key }) => Key!));
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return keys;
};

let queueClient: SQSClient | undefined;
const sqs = () => (queueClient ??= new SQSClient({ ...local, endpoint: endpoint('E2E_SQS_ENDPOINT') }));

/** The URL of one of the runtime's queues (the local runtime names each queue after its key). */
const queueUrl = async (queue: QueueName): Promise<string> => (await sqs().send(new GetQueueUrlCommand({ QueueName: queue }))).QueueUrl!;

/** The email pipeline's own outbox on the runtime's emails queue: what a feature's handler does to request an email. */
export const localEmailOutbox = async (): Promise<EmailOutbox> => new SqsEmailOutbox(sqs(), await queueUrl('emails'));

/** Puts a message on a queue as its AWS producer would (for emailFeedback: EventBridge, with an SES event). */
export const putOnQueue = async (queue: QueueName, message: object): Promise<void> => {
  await sqs().send(new SendMessageCommand({ QueueUrl: await queueUrl(queue), MessageBody: JSON.stringify(message) }));
};

/** Waits until a queue holds nothing, neither waiting nor in flight: its consumer has handled every message. */
export const drained = async (queue: QueueName, timeoutMs = 15_000): Promise<void> => {
  const url = await queueUrl(queue);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Attributes = {} } = await sqs().send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    if (Number(Attributes.ApproximateNumberOfMessages) === 0 && Number(Attributes.ApproximateNumberOfMessagesNotVisible) === 0) return;
    if (Date.now() > deadline) throw new Error(`the ${queue} queue still holds messages after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Suppresses an address in the runtime's table, as the email-feedback consumer does. */
export const givenSuppressed = async (address: string, reason: SuppressionReason = 'bounce'): Promise<void> =>
  new DynamoSuppressionList(table(), TABLE_NAME).suppress(await suppressionKeyOf(localPseudonymiser(), address), reason, new Date());

/** Whether the runtime's suppression list holds an address. */
export const isSuppressed = async (address: string): Promise<boolean> =>
  (await new DynamoSuppressionList(table(), TABLE_NAME).reasonFor(await suppressionKeyOf(localPseudonymiser(), address))) !== undefined;

/** A delivery marker left as a consumer leaves it (a `sending` claim of a consumer that died, say), in the runtime's table. */
export const givenDeliveryMarker = async (messageId: string, marker: { status: 'sending' | 'sent'; claimedAt: string }): Promise<void> => {
  await table().send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { PK: `EMAILSENT#${messageId}`, SK: 'DELIVERY', type: 'email_delivery', claimId: 'a-consumer-that-died', ...marker },
    }),
  );
};

/**
 * Hands `faxNumber` back from `accountId` into quarantine until `quarantinedUntil`, with the very
 * transaction item erasure uses (no HTTP route erases an account yet).
 */
export const releaseIntoQuarantine = async (faxNumber: string, accountId: string, quarantinedUntil: string) => {
  await table().send(new TransactWriteCommand({ TransactItems: [numberRelease(TABLE_NAME, faxNumber, accountId, new Date().toISOString(), quarantinedUntil)] }));
};

/**
 * A rights request stored as intake and fulfilment leave one, in the runtime's table: one whose
 * fulfilment is stuck `in_progress`, say, which no HTTP call can bring about once every type is
 * fulfilled within seconds.
 */
export const givenRightsRequest = (request: RightsRequest): Promise<void> => new DynamoRightsRequestStore(table(), TABLE_NAME).create(request);
