import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'redrive-receipts',
  description: 'Queues again what a 202 or 201 promised but whose first enqueue failed: accepted faxes still pending, sign-ups still awaiting their login, rights requests stalled before fulfilment; sets the login email a confirmed email change left out of date',
  trigger: { kind: 'schedule', schedule: 'redrive-receipts', everyMinutes: 5 },
  access: { table: 'readWrite', tableKeys: ['DELIVERY', 'ACCOUNT', 'RIGHTS'], sendTo: ['faxAccepted', 'accounts', 'rightsRequests'], logins: ['changeEmail'] },
  memoryMb: 256,
  timeoutSeconds: 120,
  // One re-drive at a time: a retried run overlapping the first would list the same pending
  // receipts and queue each of their faxes twice (absorbed by the consumers, but wasted).
  reservedConcurrency: 1,
});
