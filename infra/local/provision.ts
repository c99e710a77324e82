import { CreateTableCommand, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionDeclaration } from '../../functions/declaration';
import type { ResourceNames } from '../bindings';
import { tableSchema } from '../resources';
import { createQueues } from './queues';

export const TABLE_NAME = 'fax-backend-local';
export const FAX_BUCKET_NAME = 'fax-documents-local';
/** The sender of local emails; the SES emulator takes any address and ignores the configuration set. */
export const LOCAL_EMAIL = { sender: 'no-reply@fax.local', configurationSet: 'fax-backend-local' };

/** Creates on the emulators what the stateful and stateless stacks declare, and names it for the bindings. */
export const provisionResources = async (
  clients: { dynamodb: DynamoDBClient; s3: S3Client; sqs: SQSClient },
  declarations: readonly FunctionDeclaration[],
  secrets: { gatewayWebhookSecret: string; hashKey: string },
): Promise<ResourceNames> => {
  await createTable(clients.dynamodb, TABLE_NAME);
  await clients.s3.send(new CreateBucketCommand({ Bucket: FAX_BUCKET_NAME }));
  return {
    tableName: TABLE_NAME,
    faxBucketName: FAX_BUCKET_NAME,
    queueUrls: await createQueues(clients.sqs, declarations),
    webhookSecret: { value: secrets.gatewayWebhookSecret },
    hashKey: { value: secrets.hashKey },
    email: LOCAL_EMAIL,
  };
};

/** Creates the single table on DynamoDB Local with the same keys, index and TTL as the stack. */
const createTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  const { partitionKey, sortKey, globalIndexes, ttlAttribute } = tableSchema;
  const keyNames = [partitionKey, sortKey, ...globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true } }),
  );
};
