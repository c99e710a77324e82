import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'deliver-fax',
  description: 'Routes accepted faxes into their inbox, applying the customer’s blocked senders',
  trigger: { kind: 'queue', queue: 'faxAccepted', batchSize: 10, maxBatchingWindowSeconds: 1 },
  // The number's item routes the fax to its account; the fax, its gone marker, the account's
  // condition, its blocked senders and its usage counter are all under ACCOUNT.
  access: { table: 'readWrite', tableKeys: ['ACCOUNT', 'NUMBER'], faxBucket: { delete: ['faxes'] } },
  memoryMb: 256,
  timeoutSeconds: 30,
  // Drains 1,000 faxes a second (README, "Sizing": batches of 10 handled together in about 0.25 s
  // make 40 a second per instance, 25 instances, doubled for a backlog) and bounds the write rate
  // a backlog puts on the table; the queue is polled no faster (infra/stateless-stack.ts), so a
  // throttle never dead-letters a healthy message. 256 MB: it only waits on DynamoDB.
  reservedConcurrency: 50,
});
