import {
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionDeclaration } from '../../functions/declaration';
import { EnvNames, positiveIntEnv } from '../../shared/config';
import { userPoolIssuer, type ResourceNames } from '../bindings';
import { tableSchema, userPoolSchema } from '../resources';
import { createQueues } from './queues';

export const TABLE_NAME = 'fax-backend-local';
export const FAX_BUCKET_NAME = 'fax-documents-local';
export const EXPORT_BUCKET_NAME = 'fax-exports-local';
/** The sender of local emails; the SES emulator takes any address and ignores the configuration set. */
/** The administrators' address locally: `ADMIN_EMAIL`, else API.md's default. */
const DEFAULT_LOCAL_ADMIN_EMAIL = 'admin@example.test';

/** The local send rate: the SES emulator has no quota, so notices are paced only to keep a run's order realistic. */
const DEFAULT_LOCAL_SEND_RATE = 100;

export const LOCAL_EMAIL = {
  sender: 'no-reply@fax.local',
  configurationSet: 'fax-backend-local',
  admins: process.env.ADMIN_EMAIL ?? DEFAULT_LOCAL_ADMIN_EMAIL,
  maxSendRate: positiveIntEnv(EnvNames.sesMaxSendRate, DEFAULT_LOCAL_SEND_RATE),
};
export const USER_POOL_NAME = 'fax-backend-local';
export const WEB_CLIENT_NAME = 'web';


/** Creates on the emulators what the stateful and stateless stacks declare, and names it for the bindings. */
export const provisionResources = async (
  clients: { dynamodb: DynamoDBClient; s3: S3Client; sqs: SQSClient; cognito: CognitoIdentityProviderClient },
  declarations: readonly FunctionDeclaration[],
  secrets: { gatewayWebhookSecret: string; hashKey: string },
  /** Where the SDK reaches the emulated pool: it issues its tokens under that endpoint. */
  cognitoEndpoint: string,
  /** Where the runtime serves the API (`http://localhost:<port>`). */
  apiUrl: string,
): Promise<ResourceNames> => {
  await createTable(clients.dynamodb, TABLE_NAME);
  await clients.s3.send(new CreateBucketCommand({ Bucket: FAX_BUCKET_NAME }));
  await clients.s3.send(new CreateBucketCommand({ Bucket: EXPORT_BUCKET_NAME }));
  const userPool = await createUserPool(clients.cognito, USER_POOL_NAME);
  return {
    userPoolId: userPool.id,
    userPoolIssuer: userPoolIssuer(cognitoEndpoint, userPool.id),
    userPoolClientId: userPool.clientId,
    tableName: TABLE_NAME,
    faxBucketName: FAX_BUCKET_NAME,
    exportBucketName: EXPORT_BUCKET_NAME,
    apiUrl,
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

/** Creates the user pool, its web client and groups on cognito-local as the stateful stack declares them. */
const createUserPool = async (client: CognitoIdentityProviderClient, poolName: string): Promise<{ id: string; clientId: string }> => {
  const { passwordPolicy, webClient } = userPoolSchema;
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: poolName,
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AliasAttributes: [...userPoolSchema.aliasAttributes],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      Schema: [
        { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
        ...userPoolSchema.customAttributes.map((name) => ({ Name: name, AttributeDataType: 'String' as const, Mutable: false })),
      ],
      Policies: {
        PasswordPolicy: {
          MinimumLength: passwordPolicy.minLength,
          RequireLowercase: passwordPolicy.requireLowercase,
          RequireUppercase: passwordPolicy.requireUppercase,
          RequireNumbers: passwordPolicy.requireDigits,
          RequireSymbols: passwordPolicy.requireSymbols,
          TemporaryPasswordValidityDays: passwordPolicy.temporaryPasswordValidityDays,
        },
      },
      // Deployed, a second factor is required. cognito-local cannot enrol one (it has no MFA_SETUP
      // challenge): with MFA on, a login could sign in only once, with its temporary password.
      MfaConfiguration: 'OFF',
    }),
  );
  const id = UserPool!.Id!;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: id,
      ClientName: WEB_CLIENT_NAME,
      GenerateSecret: false,
      // cognito-local has no SRP, the web client's flow deployed: USER_PASSWORD_AUTH stands in for it here only.
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      ReadAttributes: [...webClient.readAttributes],
      WriteAttributes: [...webClient.writeAttributes],
      IdTokenValidity: webClient.tokenValidity.idTokenHours,
      AccessTokenValidity: webClient.tokenValidity.accessTokenHours,
      RefreshTokenValidity: webClient.tokenValidity.refreshTokenDays,
      TokenValidityUnits: { IdToken: 'hours', AccessToken: 'hours', RefreshToken: 'days' },
    }),
  );
  for (const group of userPoolSchema.groups) {
    await client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: group.name, Description: group.description }));
  }
  return { id, clientId: UserPoolClient!.ClientId! };
};
