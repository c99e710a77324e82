import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoReceiptStore, DynamoUploadStore } from '../../../shared/adapters/dynamo/gateway-stores';
import { DynamoRecipients } from '../../../shared/adapters/dynamo/fax-stores';
import { numberRelease } from '../../../shared/adapters/dynamo/number-items';
import { S3DocumentStore } from '../../../shared/adapters/s3/document-store';
import { hmacPseudonymiser } from '../../../shared/adapters/secrets/pseudonymiser';
import type { IngestDependencies } from '../../../shared/faxes/ingest';
import type { FaxQueue } from '../../../shared/faxes/ports';
import { FAX_BUCKET_NAME, TABLE_NAME } from '../../../infra/local/provision';
import { LOCAL_HASH_KEY } from '../../../infra/local/runtime';

// Behind the API: the local runtime's emulators, for what no HTTP call can bring about (an SQS
// send that failed) and for what no HTTP call shows (what the table keeps).

const endpoint = (name: 'E2E_DYNAMODB_ENDPOINT' | 'E2E_S3_ENDPOINT') => {
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
export const ingestDependenciesWith = (queue: FaxQueue): IngestDependencies => {
  const client = table();
  const s3 = new S3Client({
    ...local,
    endpoint: endpoint('E2E_S3_ENDPOINT'),
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    receipts: new DynamoReceiptStore(client, TABLE_NAME),
    recipients: new DynamoRecipients(client, TABLE_NAME),
    uploads: new DynamoUploadStore(client, TABLE_NAME),
    documents: new S3DocumentStore(s3, FAX_BUCKET_NAME),
    queue,
    pseudonymiser: hmacPseudonymiser(async () => LOCAL_HASH_KEY),
  };
};

/** The table's item under a key, as stored (undefined when there is none). */
export const storedItem = async (PK: string, SK: string) =>
  (await table().send(new GetCommand({ TableName: TABLE_NAME, Key: { PK, SK }, ConsistentRead: true }))).Item;

/**
 * Hands `faxNumber` back from `accountId` into quarantine until `quarantinedUntil`, with the very
 * transaction item erasure uses (no HTTP route erases an account yet).
 */
export const releaseIntoQuarantine = async (faxNumber: string, accountId: string, quarantinedUntil: string) => {
  await table().send(new TransactWriteCommand({ TransactItems: [numberRelease(TABLE_NAME, faxNumber, accountId, new Date().toISOString(), quarantinedUntil)] }));
};
