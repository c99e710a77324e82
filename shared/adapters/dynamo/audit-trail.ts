import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditTrail } from '../../audit/trail';
import { ADMIN_REASON_RETENTION_DAYS, epochSecondsAfter } from '../../privacy/retention';
import { wholePartition } from './paging';

// An audit entry's item (DATA-MODEL.md, "Audit trails"): one partition per subject, entries by
// time. The sort key ends in a digest of the entry, so the same entry appended twice (a retried
// step) is one item, while two different entries of one instant are two.
const trailKey = (subject: string) => `AUDIT#${subject}`;
const entryDigest = (entry: AuditEntry) => createHash('sha256').update(JSON.stringify([entry.action, entry.actor, entry.reason ?? null])).digest('base64url').slice(0, 16);

/**
 * The Put of an audit entry, for a store's transaction: an audited state change and its entry
 * commit together. Conditional, so an entry is never overwritten.
 */
export const auditEntryPut = (tableName: string, entry: AuditEntry) => ({
  TableName: tableName,
  Item: {
    PK: trailKey(entry.subject),
    SK: `${entry.at}#${entryDigest(entry)}`,
    type: 'audit_entry',
    ...entry,
    // An admin's free text about a person is not kept for good (shared/privacy/retention.ts).
    ...(entry.reason === undefined ? {} : { expiresAtEpoch: epochSecondsAfter(entry.at, ADMIN_REASON_RETENTION_DAYS) }),
  },
  ConditionExpression: 'attribute_not_exists(PK)',
});

/** The AuditTrail on DynamoDB: conditional puts only, so nothing is ever changed. */
export class DynamoAuditTrail implements AuditTrail {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    try {
      await this.client.send(new PutCommand(auditEntryPut(this.tableName, entry)));
    } catch (error) {
      // Already appended: the same entry, as its key says.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async list(subject: string): Promise<AuditEntry[]> {
    const items = await wholePartition(this.client, this.tableName, trailKey(subject));
    return items.map(({ subject: s, action, actor, at, reason }) => ({ subject: s, action, actor, at, ...(reason === undefined ? {} : { reason }) }) as AuditEntry);
  }
}
