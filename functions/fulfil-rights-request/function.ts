import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'fulfil-rights-request',
  description: 'Fulfils verified privacy rights requests (export, rectification, erasure, restriction, objection, consent, complaint) and emails the requester',
  trigger: { kind: 'queue', queue: 'rightsRequests', batchSize: 1, maxBatchingWindowSeconds: 0 },
  // Export: the exports bucket, its links' base URL, the login's description. Erasure: the person's
  // documents (faxes/), their login. Both: the email's keyed digests.
  access: {
    table: 'readWrite',
    sendTo: ['emails'],
    hashKey: true,
    exportBucket: 'write',
    apiUrl: true,
    faxBucket: { delete: ['faxes'] },
    logins: ['describe', 'remove'],
  },
  memoryMb: 512,
  timeoutSeconds: 300,
  // Bounds what a backlog of requests does at once to the table, the buckets and the user pool:
  // each request may walk and delete thousands of items.
  reservedConcurrency: 2,
});
