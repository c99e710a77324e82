import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'send-email',
  description: 'emails queue: renders and sends each requested email through SES, once per message id, never to a suppressed address',
  trigger: { kind: 'queue', queue: 'emails', batchSize: 10, maxBatchingWindowSeconds: 1 },
  access: { table: 'readWrite', tableKeys: ['EMAILSENT', 'SUPPRESSED'], hashKey: true, sendEmail: true },
  memoryMb: 256,
  // Well under the claim lease (SEND_CLAIM_LEASE_SECONDS, 30 s): a live send's claim is never taken over.
  timeoutSeconds: 10,
  // SES accepts a fixed sending rate per account (14 a second for a new production account): 2
  // batches at once stay below it, and sign-up bursts queue instead of throttling.
  reservedConcurrency: 2,
});
