// The stateful resources' shapes, in one place: the CDK stateful stack builds them in AWS and the
// local runtime creates them on the emulators, so both run the same keys and indexes.

/** The single table: keys, the one global secondary index and the TTL attribute. */
export const tableSchema = {
  partitionKey: 'PK',
  sortKey: 'SK',
  globalIndexes: [{ indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }],
  ttlAttribute: 'expiresAtEpoch',
} as const;
