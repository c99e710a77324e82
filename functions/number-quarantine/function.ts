import { NUMBER_QUARANTINE_DAYS } from '../../shared/numbers/number';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'number-quarantine',
  description: `Makes available again the fax numbers whose ${NUMBER_QUARANTINE_DAYS}-day quarantine after an erasure has ended`,
  // Hourly: a quarantine of 90 days ends within the hour, at a Query a run when none has.
  trigger: { kind: 'schedule', schedule: 'number-quarantine', everyMinutes: 60 },
  // Finds the quarantined numbers through GSI2 (not confined), then updates each number's item.
  access: { table: 'readWrite', tableKeys: ['NUMBER'] },
  memoryMb: 256,
  timeoutSeconds: 120,
});
