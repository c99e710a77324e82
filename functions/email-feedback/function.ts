import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'email-feedback',
  description: 'emailFeedback queue: SES bounces and complaints; suppresses permanently bouncing and complaining addresses',
  trigger: { kind: 'queue', queue: 'emailFeedback', batchSize: 10, maxBatchingWindowSeconds: 5 },
  access: { table: 'readWrite', tableKeys: ['SUPPRESSED'], hashKey: true },
  memoryMb: 256,
  timeoutSeconds: 10,
  // Feedback trickles in and nothing waits on it; 2, because SQS polls with at least 2 at once
  // and a poller above the reservation is throttled, burning the messages' receives.
  reservedConcurrency: 2,
});
