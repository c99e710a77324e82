import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'redrive-receipts',
  description: 'Queues again accepted faxes whose receipt is still pending minutes later (their first enqueue failed)',
  trigger: { kind: 'schedule', schedule: 'redrive-receipts', everyMinutes: 5 },
  access: { table: 'readWrite', sendTo: ['faxAccepted'] },
  memoryMb: 256,
  timeoutSeconds: 120,
  // One re-drive at a time: a retried run overlapping the first would list the same pending
  // receipts and queue each of their faxes twice (absorbed by the consumer, but wasted).
  reservedConcurrency: 1,
});
