import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'redrive-receipts',
  description: 'Queues again what a 2xx promised but whose first enqueue failed: pending faxes, sign-ups awaiting a login, stalled rights requests, referrals not handed over; sets the login email a confirmed email change left out of date',
  trigger: { kind: 'schedule', schedule: 'redrive-receipts', everyMinutes: 5 },
  access: { table: 'readWrite', tableKeys: ['DELIVERY', 'ACCOUNT', 'RIGHTS'], sendTo: ['faxAccepted', 'accounts', 'rightsRequests', 'referralInvitations'], logins: ['changeEmail'] },
  memoryMb: 256,
  timeoutSeconds: 120,
  // One re-drive at a time: a retried run overlapping the first would list the same pending
  // receipts and queue each of their faxes twice (absorbed by the consumers, but wasted).
  reservedConcurrency: 1,
});
