import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';

/** Runs a conditional update; false when its condition did not hold. */
export const updateIf = async (client: DynamoDBDocumentClient, input: UpdateCommandInput): Promise<Record<string, unknown> | false> => {
  try {
    const { Attributes } = await client.send(new UpdateCommand(input));
    return Attributes ?? {};
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};
