import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'legal-holds',
  description: 'The hold-release step: queues again every erasure waiting on a legal hold that has ended',
  trigger: { kind: 'schedule', schedule: 'legal-holds', everyMinutes: 60 },
  // The waiting erasures (RIGHTS listing), the account holding each email (EMAIL claim), the holds.
  access: { table: 'read', tableKeys: ['RIGHTS', 'EMAIL', 'LEGALHOLD'], sendTo: ['rightsRequests'] },
  memoryMb: 256,
  timeoutSeconds: 120,
});
