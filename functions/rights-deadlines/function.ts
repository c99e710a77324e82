import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'rights-deadlines',
  description: 'Marks overdue the privacy rights requests past their due date and emails the admins about each once; rejects those never verified',
  trigger: { kind: 'schedule', schedule: 'rights-deadlines', everyMinutes: 60 },
  // The listings are GSI2 queries (not confined); each request's change commits with its audit entry.
  access: { table: 'readWrite', tableKeys: ['RIGHTS', 'AUDIT'], sendTo: ['emails'], notifyAdmins: true },
  memoryMb: 256,
  timeoutSeconds: 300,
});
