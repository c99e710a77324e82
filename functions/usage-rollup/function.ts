import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'usage-rollup',
  description: 'Rolls each closed month’s usage counters up into anonymised cells by area code, once',
  // Hourly: a month is rolled up within the hour after its grace day, at a Query a run otherwise.
  trigger: { kind: 'schedule', schedule: 'usage-rollup', everyMinutes: 60 },
  // Reads the counters through GSI2 and their accounts (ACCOUNT#…/PROFILE); writes the rollups.
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'USAGEREPORT'] },
  memoryMb: 256,
  // A month of 100,000 active accounts is about 1,000 Queries and 1,000 BatchGetItems.
  timeoutSeconds: 900,
});
