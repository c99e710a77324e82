import { createHash } from 'node:crypto';

/**
 * The shard (0 to `shards` − 1) an index entry of this id goes under: from the id alone, so an
 * entry's shard never changes; from a hash of it, so shards fill evenly whatever the id's format.
 */
export const shardOf = (id: string, shards: number): number => createHash('sha256').update(id).digest().readUInt32BE(0) % shards;
