import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'redrive-receipts',
  description: 'Queues again accepted faxes whose receipt is still pending minutes later (their first enqueue failed)',
  trigger: { kind: 'schedule', schedule: 'redrive-receipts', everyMinutes: 5 },
  access: { table: 'readWrite', sendTo: ['faxAccepted'] },
  memoryMb: 256,
  timeoutSeconds: 120,
  reservedConcurrency: 1,
});
