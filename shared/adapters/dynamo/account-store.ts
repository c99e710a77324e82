import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account, ConsentRecord, Preferences, ProfileChanges } from '../../accounts/account';
import { AccountChanged, FaxNumberUnavailable, UniqueValueTaken, type AccountStore } from '../../accounts/account-store';
import { holderStatus, numberAssignment } from './number-items';
import { transactWrite, transactWriteFailures } from './transactions';

// Keys of the single table (see shared/adapters/dynamo/DATA-MODEL.md).
export const accountKey = (accountId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: 'PROFILE' });
const consentKey = (accountId: string, consentId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `CONSENT#${consentId}` });
const emailClaimKey = (email: string) => ({ PK: `EMAIL#${email}`, SK: 'CLAIM' });
const referralCodeClaimKey = (code: string) => ({ PK: `REFERRALCODE#${code}`, SK: 'CLAIM' });

const isNew = 'attribute_not_exists(PK)';

const toAccount = (item: Record<string, unknown>): Account => {
  const { PK: _pk, SK: _sk, type: _type, ...account } = item;
  return account as unknown as Account;
};

/**
 * The AccountStore on DynamoDB: uniqueness by claim items, and the fax number by its inventory
 * item, in the same transaction as the account.
 */
export class DynamoAccountStore implements AccountStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(account: Account, consents: ConsentRecord[]): Promise<void> {
    const claim = (key: Record<string, string>, kind: string) => ({
      Put: { TableName: this.tableName, Item: { ...key, type: kind, accountId: account.accountId }, ConditionExpression: isNew },
    });
    const [failed] = await transactWriteFailures(this.client, {
      TransactItems: [
        claim(emailClaimKey(account.email), 'email_claim'),
        numberAssignment(this.tableName, account.faxNumber, account.accountId, account.createdAt),
        claim(referralCodeClaimKey(account.referralCode), 'referral_code_claim'),
        { Put: { TableName: this.tableName, Item: { ...accountKey(account.accountId), type: 'account', ...account }, ConditionExpression: isNew } },
        ...consents.map((consent) => ({
          Put: { TableName: this.tableName, Item: { ...consentKey(account.accountId, consent.consentId), type: 'consent', ...consent } },
        })),
      ],
    });
    if (!failed) return;
    const fields = ['email', 'faxNumber', 'referralCode'] as const;
    const field = fields[failed.index] ?? 'referralCode';
    // The number item as it stood when the assignment failed: held by another account, or not ours to give.
    if (field === 'faxNumber' && holderStatus(failed.item) !== 'assigned') throw new FaxNumberUnavailable();
    throw new UniqueValueTaken(field);
  }

  async get(accountId: string): Promise<Account | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: accountKey(accountId), ConsistentRead: true }));
    return Item ? toAccount(Item) : undefined;
  }

  accountIdByEmail(email: string): Promise<string | undefined> {
    return this.claimant(emailClaimKey(email));
  }

  accountIdByReferralCode(code: string): Promise<string | undefined> {
    return this.claimant(referralCodeClaimKey(code));
  }

  async updateProfile(current: Account, changes: ProfileChanges, updatedAt: string): Promise<Account> {
    const updated: Account = { ...current, ...changes, updatedAt, version: current.version + 1 };
    const emailMoves = updated.email !== current.email;
    const failed = await transactWrite(this.client, {
      TransactItems: [
        this.conditionalProfileWrite(updated, current.version),
        ...(emailMoves
          ? [
              {
                Delete: {
                  TableName: this.tableName,
                  Key: emailClaimKey(current.email),
                  ConditionExpression: 'accountId = :me',
                  ExpressionAttributeValues: { ':me': current.accountId },
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: { ...emailClaimKey(updated.email), type: 'email_claim', accountId: current.accountId },
                  ConditionExpression: isNew,
                },
              },
            ]
          : []),
      ],
    });
    if (failed.includes(2)) throw new UniqueValueTaken('email');
    if (failed.length > 0) throw new AccountChanged();
    return updated;
  }

  async updatePreferences(current: Account, preferences: Preferences, consents: ConsentRecord[], updatedAt: string): Promise<Account> {
    const updated: Account = { ...current, preferences, updatedAt, version: current.version + 1 };
    const failed = await transactWrite(this.client, {
      TransactItems: [
        this.conditionalProfileWrite(updated, current.version),
        ...consents.map((consent) => ({
          Put: { TableName: this.tableName, Item: { ...consentKey(current.accountId, consent.consentId), type: 'consent', ...consent } },
        })),
      ],
    });
    if (failed.length > 0) throw new AccountChanged();
    return updated;
  }

  async deactivate(accountId: string, deactivatedAt: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(accountId),
          UpdateExpression: 'SET #status = :deactivated, deactivatedAt = :at, updatedAt = :at, version = version + :one',
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':deactivated': 'deactivated', ':active': 'active', ':at': deactivatedAt, ':one': 1 },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async claimant(key: Record<string, string>): Promise<string | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return Item?.accountId as string | undefined;
  }

  // Replaces the profile only if nobody changed it since it was read and it is still active.
  private conditionalProfileWrite(updated: Account, expectedVersion: number) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...accountKey(updated.accountId), type: 'account', ...updated },
        ConditionExpression: '#version = :expected AND #status = :active',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':expected': expectedVersion, ':active': 'active' },
      },
    };
  }
}
