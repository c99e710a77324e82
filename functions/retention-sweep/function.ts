import { RETENTION_DAYS } from '../../shared/faxes/fax';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'retention-sweep',
  description: `Deletes faxes past ${RETENTION_DAYS} days that TTL or the lifecycle have not removed yet, and stale uploads`,
  trigger: { kind: 'schedule', schedule: 'retention-sweep', everyMinutes: 60 },
  // LEGALHOLD: faxes a legal hold keeps are left.
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'LEGALHOLD'], faxBucket: { read: ['uploads'], delete: ['faxes', 'uploads'] } },
  memoryMb: 512,
  timeoutSeconds: 300,
  // One sweep at a time: a retried or overlapping run would race the first over the same faxes.
  reservedConcurrency: 1,
});
