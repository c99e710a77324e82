import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'legal-holds',
  description: 'The hold-release step: places fax holds still pending, gives back the faxes of ended holds, and queues again the erasures they kept waiting',
  trigger: { kind: 'schedule', schedule: 'legal-holds', everyMinutes: 60 },
  // The waiting erasures (RIGHTS listing), the account holding each email (EMAIL claim), the holds;
  // the held faxes (ACCOUNT) and their documents' tags.
  access: { table: 'readWrite', tableKeys: ['RIGHTS', 'EMAIL', 'LEGAL', 'LEGALHOLD', 'ACCOUNT'], sendTo: ['rightsRequests'], faxBucket: { write: ['faxes'] } },
  memoryMb: 256,
  timeoutSeconds: 120,
});
