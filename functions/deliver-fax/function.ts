import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'deliver-fax',
  description: 'Routes accepted faxes into their inbox, applying the customer’s blocked senders',
  trigger: { kind: 'queue', queue: 'faxAccepted', batchSize: 10, maxBatchingWindowSeconds: 1 },
  access: { table: 'readWrite', faxBucket: { delete: ['faxes'] } },
  memoryMb: 256,
  timeoutSeconds: 30,
  reservedConcurrency: 10,
});
