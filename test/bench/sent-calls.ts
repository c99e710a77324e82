import { documentClient } from '../../shared/adapters/dynamo/client';
import { s3Client } from '../../shared/adapters/s3/client';

/**
 * Every call the shared DynamoDB and S3 clients send in this process, by service: the functions'
 * adapters use these clients, so a bench that runs them here counts their AWS calls (the
 * difference across what it measures).
 */
export const sentCalls = { dynamodb: 0, s3: 0 };

const counter = (service: keyof typeof sentCalls) => (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
  sentCalls[service] += 1;
  return next(args);
};
documentClient.middlewareStack.add(counter('dynamodb') as never, { step: 'initialize', name: 'benchDynamoCallCounter' });
s3Client.middlewareStack.add(counter('s3') as never, { step: 'initialize', name: 'benchS3CallCounter' });
