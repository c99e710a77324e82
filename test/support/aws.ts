// What the AWS SDK throws, offline
// credentials for presigning, and the order in which mocked clients were called.
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { S3ServiceException } from '@aws-sdk/client-s3';

/**
 * Region and static credentials, so the SDK presigns URLs without looking for real ones (no
 * network, no profile). Call before loading a handler whose S3 client presigns.
 */
export const useOfflineAwsCredentials = (): void => {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAUNITTESTEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'unit-test-secret-access-key',
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
};

/** DynamoDB throttling (a retryable failure that must fail the request or the record). */
export const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'Rate of requests exceeds the allowed throughput.',
    $metadata: { httpStatusCode: 400 },
  });

/** What a conditional write whose condition does not hold throws. */
export const conditionalCheckFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } });

/** An S3 5xx. */
export const s3ServerError = () =>
  new S3ServiceException({ name: 'InternalError', $fault: 'server', message: 'We encountered an internal error.', $metadata: { httpStatusCode: 500 } });

/** A call a mocked client recorded (a sinon spy call, named by shape: sinon comes with the mock library). */
interface RecordedCall {
  calledBefore(call: RecordedCall): boolean;
}

/**
 * The labels of mocked SDK calls, ordered by when they happened (sinon numbers every call of
 * every stub in one sequence, so calls of different clients compare). A missing call fails.
 */
export const callSequence = (calls: Record<string, RecordedCall | undefined>): string[] => {
  const entries = Object.entries(calls).map(([label, call]) => {
    if (!call) throw new Error(`Expected a call for "${label}", there was none.`);
    return [label, call] as const;
  });
  return entries.sort(([, a], [, b]) => (a.calledBefore(b) ? -1 : 1)).map(([label]) => label);
};
