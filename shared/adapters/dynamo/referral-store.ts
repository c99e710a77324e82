import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../pages';
import type { ReferralOptOuts, ReferralStore } from '../../referrals/ports';
import type { Referral, ReferralRef } from '../../referrals/referral';
import { deleteByKeys } from './batch-write';
import { queryPage } from './paging';

// Keys (DATA-MODEL.md, "Referrals"): a referral under its referrer's partition (their export and
// erasure take it with the rest), and in GSI1 under the friend's email digest (the friend's).
const referralKey = (referrerId: string, referralId: string) => ({ PK: `ACCOUNT#${referrerId}`, SK: `REFERRAL#${referralId}` });
const friendEntry = (friendEmailHash: string, createdAt: string) => ({ GSI1PK: `PERSON#${friendEmailHash}`, GSI1SK: `REFERRAL#${createdAt}` });
const optOutKey = (emailHash: string) => ({ PK: `OPTOUT#${emailHash}`, SK: 'REFERRALS' });
/**
 * Until its `referral.created` is queued, a referral is listed on GSI2 (sparse) for the re-drive.
 * One partition: referrals come at most 20 a customer a day, far below a partition's write rate.
 */
const PENDING_REFERRALS = 'PENDINGREFERRAL';
const pendingEntry = ({ createdAt, referralId }: Referral) => ({ GSI2PK: PENDING_REFERRALS, GSI2SK: `${createdAt}#${referralId}` });
const REFERRAL_SORT_KEY = /^REFERRAL#ref_[0-9A-Z]{26}$/;

/**
 * The Update that converts a referral, for the activation's transaction: the proven account and
 * its referral's conversion commit together. Conditional on the referral still being there (its
 * referrer or friend may be erased meanwhile), so a gone referral is never written back in part,
 * and on its not being converted yet, so a conversion keeps its first time.
 */
export const referralConversion = (tableName: string, referral: ReferralRef, at: string) => ({
  Update: {
    TableName: tableName,
    Key: referralKey(referral.referrerId, referral.referralId),
    UpdateExpression: 'SET #status = :converted, convertedAt = :at',
    ConditionExpression: 'attribute_exists(PK) AND #status <> :converted',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':converted': 'converted', ':at': at },
  },
});

const toReferral = (item: Record<string, unknown>): Referral => {
  const { PK: _pk, SK: _sk, type: _type, GSI1PK: _g1pk, GSI1SK: _g1sk, GSI2PK: _g2pk, GSI2SK: _g2sk, ...referral } = item;
  return referral as unknown as Referral;
};

/** The ReferralStore on DynamoDB. */
export class DynamoReferralStore implements ReferralStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(referral: Referral): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...referralKey(referral.referrerId, referral.referralId),
          type: 'referral',
          ...friendEntry(referral.friendEmailHash, referral.createdAt),
          ...pendingEntry(referral),
          ...referral,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async get(referrerId: string, referralId: string): Promise<Referral | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: referralKey(referrerId, referralId), ConsistentRead: true }));
    return Item ? toReferral(Item) : undefined;
  }

  listOf(referrerId: string, page: PageRequest): Promise<Page<Referral>> {
    const partitionKey = `ACCOUNT#${referrerId}`;
    return queryPage(
      this.client,
      {
        partitionKey,
        sortKeyPattern: REFERRAL_SORT_KEY,
        input: {
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :referrals)',
          ExpressionAttributeValues: { ':pk': partitionKey, ':referrals': 'REFERRAL#' },
          // Ids are ULIDs: newest first.
          ScanIndexForward: false,
          ConsistentRead: true,
        },
      },
      page,
      toReferral,
    );
  }

  async latestOf(referrerId: string, friendEmailHash: string): Promise<Referral | undefined> {
    for await (const page of this.friendPages(friendEmailHash, { FilterExpression: 'referrerId = :referrer', ExpressionAttributeValues: { ':referrer': referrerId } })) {
      if (page.length > 0) return toReferral(page[0]);
    }
    return undefined;
  }

  async markQueued({ referrerId, referralId }: ReferralRef): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: referralKey(referrerId, referralId),
          UpdateExpression: 'REMOVE GSI2PK, GSI2SK',
          // Never writes a gone referral back in part.
          ConditionExpression: 'attribute_exists(PK)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async pendingSince(before: Date, limit: number): Promise<ReferralRef[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pending AND GSI2SK < :before',
        ExpressionAttributeValues: { ':pending': PENDING_REFERRALS, ':before': before.toISOString() },
        ProjectionExpression: 'referrerId, referralId',
        Limit: limit,
      }),
    );
    return Items.map(({ referrerId, referralId }) => ({ referrerId: referrerId as string, referralId: referralId as string }));
  }

  async forgetFriend(friendEmailHash: string): Promise<number> {
    let forgotten = 0;
    for await (const page of this.friendPages(friendEmailHash)) {
      await deleteByKeys(this.client, this.tableName, page.map(({ PK, SK }) => ({ PK: PK as string, SK: SK as string })));
      forgotten += page.length;
    }
    return forgotten;
  }

  /** The referrals of the email with this digest (GSI1), newest first, a page at a time. */
  private async *friendPages(friendEmailHash: string, filter: { FilterExpression?: string; ExpressionAttributeValues?: Record<string, unknown> } = {}) {
    const query = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :person AND begins_with(GSI1SK, :referrals)',
        ...filter,
        ExpressionAttributeValues: { ':person': `PERSON#${friendEmailHash}`, ':referrals': 'REFERRAL#', ...filter.ExpressionAttributeValues },
        ScanIndexForward: false,
      },
    );
    for await (const page of query) yield page.Items ?? [];
  }
}

/** The referral opt-outs on DynamoDB: one item per email digest, written once. */
export class DynamoReferralOptOuts implements ReferralOptOuts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async optOut(emailHash: string, at: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...optOutKey(emailHash), type: 'referral_opt_out', optedOutAt: at },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      // Opted out already: the first time stands.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async isOptedOut(emailHash: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: optOutKey(emailHash), ConsistentRead: true }));
    return Item !== undefined;
  }
}
