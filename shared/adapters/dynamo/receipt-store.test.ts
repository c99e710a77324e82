import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { givenFakeTable, type FakeTable } from '../../../test/support/fake-table';
import { pendingReceipt } from '../../../test/support/faxes';
import { DynamoReceiptStore } from './gateway-stores';

// The receipt store's items on an in-memory table that keeps DynamoDB's rules.
const ddb = mockClient(DynamoDBDocumentClient);
const receipts = new DynamoReceiptStore(ddb as unknown as DynamoDBDocumentClient, 'fax-backend-unit');

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The n-th of a burst of ULIDs made in one millisecond: a monotonic factory counts them up by one. */
const burstFaxId = (n: number) => `fax_01KB${Array.from({ length: 22 }, (_, digit) => CROCKFORD[Math.floor(n / 32 ** (21 - digit)) % 32]).join('')}`;

let table: FakeTable;
beforeEach(() => {
  ddb.reset();
  table = givenFakeTable(ddb);
});

describe('DynamoReceiptStore: the pending index', () => {
  it('spreads pending receipts evenly over eight GSI2 partitions, each fax always in the same one', async () => {
    // Prepare: a burst of 3,200 faxes (a last character taken mod 8 gives some shards 25% more)
    const faxIds = Array.from({ length: 3_200 }, (_, n) => burstFaxId(n + 1));

    // Act
    for (const [n, faxId] of faxIds.entries()) {
      await receipts.record(pendingReceipt({ faxId, webhookId: `msg_${n}`, gatewayEventId: `gw-evt-${n}` }));
    }

    // Assess
    const partitions = table.items().flatMap((item) => (item.GSI2PK === undefined ? [] : [item.GSI2PK as string]));
    const counts = Array.from({ length: 8 }, (_, shard) => partitions.filter((partition) => partition === `PENDINGFAX#${shard}`).length);
    expect(partitions).toHaveLength(3_200);
    for (const count of counts) expect(Math.abs(count - 3_200 / 8)).toBeLessThan(0.1 * (3_200 / 8));
    // The shard comes from the faxId alone: the same on every write, in every release.
    expect(table.items().find((item) => item.faxId === burstFaxId(1) && item.GSI2PK)?.GSI2PK).toBe('PENDINGFAX#2');
  });
});
