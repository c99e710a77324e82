import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'fulfil-rights-request',
  description: 'Fulfils verified privacy rights requests (export, rectification, erasure, restriction, objection, consent, complaint) and emails the requester',
  trigger: { kind: 'queue', queue: 'rightsRequests', batchSize: 1, maxBatchingWindowSeconds: 0 },
  // Export: the exports bucket, its links' base URL, the login's description. Erasure: the person's
  // documents (faxes/), their login. Both: the email's keyed digests.
  // Table: the request and its audit trail (RIGHTS, AUDIT); the account holding the email (EMAIL
  // claim) and its holds (LEGALHOLD). Export reads the account's partition, its audit trail, the
  // suppression entry, the referral opt-out and the case of its number (SENDER). Rectification,
  // restriction, objection and consent write the account. Erasure: the account's partition and the
  // referrals that invited the person (ACCOUNT), its number quarantined (NUMBER), its email and
  // referral-code claims, the reports it filed (SENDER), the person's other requests (RIGHTS), the
  // suppression entry and the receipt (ERASURE). The person's digests' listings are GSI1.
  access: {
    table: 'readWrite',
    tableKeys: ['RIGHTS', 'AUDIT', 'ACCOUNT', 'EMAIL', 'REFERRALCODE', 'NUMBER', 'LEGALHOLD', 'SENDER', 'SUPPRESSED', 'OPTOUT', 'ERASURE'],
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
