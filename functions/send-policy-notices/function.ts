import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'send-policy-notices',
  description: 'policy-notices queue: continues a version’s plan, or emails each account a message names its notice once, paced under the SES send rate',
  trigger: { kind: 'queue', queue: 'policyNotices', batchSize: 1, maxBatchingWindowSeconds: 0 },
  // Accounts and their notice records; the versions, counters and settlement markers; the
  // pipeline's delivery markers and suppression list. The plan's index queries are not confined.
  access: {
    table: 'readWrite',
    tableKeys: ['ACCOUNT', 'POLICY', 'EMAILSENT', 'SUPPRESSED'],
    sendTo: ['policyNotices'],
    hashKey: true,
    sendEmail: true,
    apiUrl: true,
  },
  memoryMb: 256,
  // A message of 50 notices at the slowest rate (the sandbox's 1 a second, 0.4 per container) takes
  // 125 s; under the claim lease (NOTICE_CLAIM_LEASE_SECONDS), so a live claim is never taken over.
  timeoutSeconds: 300,
  // The pacing's divisor: at most this many containers send at once (also the event source's
  // maximum concurrency), each at its share of the rate (README, "Policy notices at a million accounts").
  reservedConcurrency: 2,
});
