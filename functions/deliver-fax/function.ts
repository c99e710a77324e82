import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'deliver-fax',
  description: 'Routes accepted faxes into their inbox, applying the customer’s blocked senders',
  trigger: { kind: 'queue', queue: 'faxAccepted', batchSize: 10, maxBatchingWindowSeconds: 1 },
  access: { table: 'readWrite', faxBucket: { delete: ['faxes'] } },
  memoryMb: 256,
  timeoutSeconds: 30,
  // Bounds the write rate a backlog puts on the table and the bucket; the queue is polled no
  // faster (infra/stateless-stack.ts), so a throttle never dead-letters a healthy message.
  reservedConcurrency: 10,
});
