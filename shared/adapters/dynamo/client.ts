import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One document client per container, created at import so warm invocations reuse its
 * connections. The endpoint comes from the SDK's own settings (AWS_ENDPOINT_URL_DYNAMODB locally).
 */
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
