import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { E164_SOURCE } from '../../e164';
import type { InventoryNumber } from '../../numbers/number';
import type { AddedNumbers, NumberInventory, NumberSelection } from '../../numbers/ports';
import type { Page, PageRequest } from '../../pages';
import { newNumberItem, numberIndexKeys, numberKey, numbersOfStatus } from './number-items';
import { ISO_INSTANT, queryPage } from './paging';
import { transactWriteFailures } from './transactions';

/** DynamoDB's bound on the items of one transaction: an add writes its numbers this many at a time. */
const TRANSACTION_ITEMS = 100;

/** The number a GSI2 sort key of a number item names (quarantined ones lead with the end of their quarantine). */
const faxNumberOf = (indexSortKey: string) => indexSortKey.slice(indexSortKey.lastIndexOf('#') + 1);

const toInventoryNumber = (item: Record<string, unknown>): InventoryNumber => ({
  faxNumber: item.faxNumber as string,
  status: item.status as InventoryNumber['status'],
  addedAt: item.addedAt as string,
  ...(item.accountId ? { accountId: item.accountId as string } : {}),
  ...(item.quarantinedUntil ? { quarantinedUntil: item.quarantinedUntil as string } : {}),
});

/** The number inventory on DynamoDB: one item per number, listed by status through GSI2. */
export class DynamoNumberInventory implements NumberInventory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(faxNumbers: readonly string[], addedAt: string): Promise<AddedNumbers> {
    const chunks: string[][] = [];
    for (let from = 0; from < faxNumbers.length; from += TRANSACTION_ITEMS) chunks.push(faxNumbers.slice(from, from + TRANSACTION_ITEMS));
    const outcomes = await Promise.all(chunks.map((chunk) => this.addChunk(chunk, addedAt)));
    return outcomes.reduce((sum, { added, alreadyPresent }) => ({ added: sum.added + added, alreadyPresent: sum.alreadyPresent + alreadyPresent }), {
      added: 0,
      alreadyPresent: 0,
    });
  }

  list({ status, prefix }: NumberSelection, page: PageRequest): Promise<Page<InventoryNumber>> {
    const GSI2PK = numbersOfStatus(status);
    // A cursor continues within the range the key condition reads, else DynamoDB refuses the start key.
    const number = prefix ? `(?=${prefix.replace('+', '\\+')})${E164_SOURCE}` : E164_SOURCE;
    return queryPage(
      this.client,
      {
        input: {
          TableName: this.tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: prefix ? 'GSI2PK = :status AND begins_with(GSI2SK, :prefix)' : 'GSI2PK = :status',
          ExpressionAttributeValues: { ':status': GSI2PK, ...(prefix ? { ':prefix': prefix } : {}) },
        },
        index: {
          sortKey: 'GSI2SK',
          keyAt: (sortKey) => ({ GSI2PK, GSI2SK: sortKey, ...numberKey(faxNumberOf(sortKey)) }),
        },
        sortKeyPattern: new RegExp(status === 'quarantined' ? `^${ISO_INSTANT}#${number}$` : `^${number}$`),
      },
      page,
      toInventoryNumber,
    );
  }

  async quarantineEnded(at: Date, limit: number): Promise<string[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI2',
        // `<until>#<number>`: every end up to `at`, that instant included ('~' sorts after any number).
        KeyConditionExpression: 'GSI2PK = :quarantined AND GSI2SK <= :until',
        ExpressionAttributeValues: { ':quarantined': numbersOfStatus('quarantined'), ':until': `${at.toISOString()}#~` },
        Limit: limit,
      }),
    );
    return Items.map((item) => item.faxNumber as string);
  }

  async endQuarantine(faxNumber: string, at: Date): Promise<boolean> {
    const index = numberIndexKeys('available', faxNumber);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: numberKey(faxNumber),
          UpdateExpression: 'SET #status = :available, updatedAt = :at, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk REMOVE quarantinedUntil',
          ConditionExpression: '#status = :quarantined AND quarantinedUntil <= :at',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':available': 'available',
            ':quarantined': 'quarantined',
            ':at': at.toISOString(),
            ':gsi2pk': index.GSI2PK,
            ':gsi2sk': index.GSI2SK,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  // One transaction of conditional puts: when numbers are already there, the cancellation names
  // them and the rest are written again without them. Numbers are never removed, so one found
  // present stays present: each number counts once, whatever races it.
  private async addChunk(chunk: readonly string[], addedAt: string): Promise<AddedNumbers> {
    let alreadyPresent = 0;
    for (let remaining = chunk; remaining.length > 0; ) {
      const failed = await transactWriteFailures(this.client, {
        TransactItems: remaining.map((faxNumber) => ({
          Put: { TableName: this.tableName, Item: newNumberItem(faxNumber, addedAt), ConditionExpression: 'attribute_not_exists(PK)' },
        })),
      });
      if (failed.length === 0) return { added: remaining.length, alreadyPresent };
      const present = new Set(failed.map(({ index }) => index));
      alreadyPresent += present.size;
      remaining = remaining.filter((_, index) => !present.has(index));
    }
    return { added: 0, alreadyPresent };
  }
}
