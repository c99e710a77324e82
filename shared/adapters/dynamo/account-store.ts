import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account, ConsentRecord, Deactivator, Preferences, ProfileChanges } from '../../accounts/account';
import type { AuditEntry } from '../../audit/trail';
import { AccountChanged, FaxNumberUnavailable, ReferralGone, UniqueValueTaken, type AccountStore } from '../../accounts/account-store';
import type { ItemKind } from '../../privacy/registry';
import type { ReferralRef } from '../../referrals/referral';
import { auditEntryPut } from './audit-trail';
import { updateIf } from './conditional';
import { holderStatus, numberAssignment, numberRelease } from './number-items';
import { referralConversion } from './referral-store';
import { shardOf } from './shards';
import { NOTIFIABLE_SHARDS } from '../../policies/fan-out';
import { transactWrite, transactWriteFailures } from './transactions';

// Keys of the single table (see shared/adapters/dynamo/DATA-MODEL.md).
export const accountKey = (accountId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: 'PROFILE' });
const consentKey = (accountId: string, consentId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: `CONSENT#${consentId}` });
const emailClaimKey = (email: string) => ({ PK: `EMAIL#${email}`, SK: 'CLAIM' });
const referralCodeClaimKey = (code: string) => ({ PK: `REFERRALCODE#${code}`, SK: 'CLAIM' });

const isNew = 'attribute_not_exists(PK)';

// A pending account's two sparse index entries (DATA-MODEL.md, "Sign-ups and their proof"). One
// partition each, unsharded: sign-ups come a few a second at most, far below a partition's writes.
/** GSI2: awaiting its login, by when `account.created` was last sent. */
const awaitingLoginEntry = (accountId: string, sentAt: string) => ({ GSI2PK: 'AWAITINGLOGIN', GSI2SK: `${sentAt}#${accountId}` });
/** GSI1: unproven, by creation. */
const unprovenEntry = (accountId: string, createdAt: string) => ({ GSI1PK: 'UNPROVEN', GSI1SK: `${createdAt}#${accountId}` });
/** GSI2 of an active account: its login's email out of date since (a confirmed email change the login did not follow yet). */
const loginEmailOutdatedEntry = (accountId: string, since: string) => ({ GSI2PK: 'LOGINEMAILOUTDATED', GSI2SK: `${since}#${accountId}` });
/**
 * The GSI2 entry a live account's replaced profile keeps: awaiting its login until it has one (an
 * active account may still await it: a local token activates it first), then its login's email
 * while that is out of date.
 */
const indexEntryOf = (account: Account) => {
  if (account.loginProvisionedAt === undefined) return awaitingLoginEntry(account.accountId, account.createdAt);
  return account.loginEmailOutdatedAt === undefined ? {} : loginEmailOutdatedEntry(account.accountId, account.loginEmailOutdatedAt);
};
/** A shard of the notifiable accounts' index (GSI1): sharded, so no partition takes a million entries' writes. */
export const notifiablePartition = (shard: number) => `NOTIFIABLE#${shard}`;
/**
 * The account item's sparse GSI1 entry while it is notifiable: written and removed with every
 * change of its status and preferences, and dropped when its erasure begins.
 */
const notifiableEntry = (accountId: string) => ({ GSI1PK: notifiablePartition(shardOf(accountId, NOTIFIABLE_SHARDS)), GSI1SK: accountId });
/** GSI1 of a live account: listed for the policy notices while notifiable (active, not opted out of all communication). */
const isNotifiable = (account: Account) => account.status === 'active' && !account.preferences.optOutAll;

const toAccount = (item: Record<string, unknown>): Account => {
  const { PK: _pk, SK: _sk, type: _type, GSI1PK: _g1pk, GSI1SK: _g1sk, GSI2PK: _g2pk, GSI2SK: _g2sk, ...account } = item;
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
    const claim = (key: Record<string, string>, kind: ItemKind) => ({
      Put: { TableName: this.tableName, Item: { ...key, type: kind, accountId: account.accountId }, ConditionExpression: isNew },
    });
    const [failed] = await transactWriteFailures(this.client, {
      TransactItems: [
        claim(emailClaimKey(account.email), 'email_claim'),
        numberAssignment(this.tableName, account.faxNumber, account.accountId, account.createdAt),
        claim(referralCodeClaimKey(account.referralCode), 'referral_code_claim'),
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...accountKey(account.accountId),
              type: 'account',
              ...account,
              ...(account.status === 'pending'
                ? { ...awaitingLoginEntry(account.accountId, account.createdAt), ...unprovenEntry(account.accountId, account.createdAt) }
                : {}),
            },
            ConditionExpression: isNew,
          },
        },
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

  async updatePreferences(
    current: Account,
    preferences: Preferences,
    consents: ConsentRecord[],
    updatedAt: string,
    processing = current.processing,
    audit: readonly AuditEntry[] = [],
  ): Promise<Account> {
    const updated: Account = { ...current, preferences, processing, updatedAt, version: current.version + 1 };
    const failed = await transactWrite(this.client, {
      TransactItems: [
        this.conditionalProfileWrite(updated, current.version),
        ...consents.map((consent) => ({
          Put: { TableName: this.tableName, Item: { ...consentKey(current.accountId, consent.consentId), type: 'consent', ...consent } },
        })),
        ...audit.map((entry) => ({ Put: auditEntryPut(this.tableName, entry) })),
      ],
    });
    if (failed.length > 0) throw new AccountChanged();
    return updated;
  }

  async deactivate(accountId: string, deactivatedAt: string, by: Deactivator): Promise<boolean> {
    const done = await updateIf(this.client, {
      TableName: this.tableName,
      Key: accountKey(accountId),
      UpdateExpression: 'SET #status = :deactivated, deactivatedAt = :at, deactivatedBy = :by, updatedAt = :at, version = version + :one REMOVE GSI1PK, GSI1SK',
      ConditionExpression: '#status = :active AND attribute_not_exists(removal)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':deactivated': 'deactivated', ':active': 'active', ':at': deactivatedAt, ':by': by, ':one': 1 },
    });
    return done !== false;
  }

  // Proven: listed as notifiable instead of unproven (a sign-up never opts out of all
  // communication, and a pending account's preferences cannot change). Still listed as awaiting
  // its login until that login is provisioned: a local token activates an account before its login exists.
  // The referral it converts goes in the same transaction, so only a proven sign-up converts one.
  async activate(accountId: string, activatedAt: string, converts?: ReferralRef): Promise<Account | undefined> {
    const entry = notifiableEntry(accountId);
    const activation = {
      TableName: this.tableName,
      Key: accountKey(accountId),
      UpdateExpression: 'SET #status = :active, activatedAt = :at, updatedAt = :at, version = version + :one, GSI1PK = :entryPk, GSI1SK = :entrySk REMOVE referralId',
      ConditionExpression: '#status = :pending AND attribute_not_exists(removal)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'active', ':pending': 'pending', ':at': activatedAt, ':one': 1, ':entryPk': entry.GSI1PK, ':entrySk': entry.GSI1SK },
    };
    if (!converts) {
      const activated = await updateIf(this.client, { ...activation, ReturnValues: 'ALL_NEW' });
      return activated === false ? undefined : toAccount(activated);
    }
    const failed = await transactWrite(this.client, { TransactItems: [{ Update: activation }, referralConversion(this.tableName, converts, activatedAt)] });
    if (failed.includes(0)) return undefined;
    if (failed.length > 0) throw new ReferralGone();
    // A transaction returns no item: the account as it now is.
    return this.get(accountId);
  }

  // Not a change of the profile (no version bump): nothing the customer sees or writes depends on it.
  async markLoginProvisioned(accountId: string, provisionedAt: string): Promise<void> {
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: accountKey(accountId),
      UpdateExpression: 'SET loginProvisionedAt = :at REMOVE GSI2PK, GSI2SK',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': provisionedAt },
    });
  }

  awaitingLogin(before: Date, limit: number): Promise<string[]> {
    return this.listed('GSI2', 'AWAITINGLOGIN', before, limit);
  }

  async noteLoginRequested(accountId: string, sentAt: string): Promise<void> {
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: accountKey(accountId),
      UpdateExpression: 'SET GSI2SK = :entry',
      ConditionExpression: 'attribute_exists(GSI2PK)',
      ExpressionAttributeValues: { ':entry': awaitingLoginEntry(accountId, sentAt).GSI2SK },
    });
  }

  unprovenSince(before: Date, limit: number): Promise<string[]> {
    return this.listed('GSI1', 'UNPROVEN', before, limit);
  }

  async beginExpiry(accountId: string, createdBefore: Date): Promise<Account | undefined> {
    const expiring = await updateIf(this.client, {
      TableName: this.tableName,
      Key: accountKey(accountId),
      UpdateExpression: 'SET removal = :expiry',
      ConditionExpression: '#status = :pending AND createdAt < :before AND (attribute_not_exists(removal) OR removal = :expiry)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':expiry': 'expiry', ':pending': 'pending', ':before': createdBefore.toISOString() },
      ReturnValues: 'ALL_NEW',
    });
    return expiring === false ? undefined : toAccount(expiring);
  }

  async removeExpired(account: Account, at: string): Promise<void> {
    const { accountId } = account;
    const { Items: consents = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :consents)',
        ExpressionAttributeValues: { ':pk': accountKey(accountId).PK, ':consents': 'CONSENT#' },
        ProjectionExpression: 'PK, SK',
        ConsistentRead: true,
      }),
    );
    const heldClaim = (key: Record<string, string>) => ({
      Delete: { TableName: this.tableName, Key: key, ConditionExpression: 'accountId = :me', ExpressionAttributeValues: { ':me': accountId } },
    });
    const failed = await transactWrite(this.client, {
      TransactItems: [
        {
          Delete: {
            TableName: this.tableName,
            Key: accountKey(accountId),
            ConditionExpression: '#status = :pending AND removal = :expiry',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pending': 'pending', ':expiry': 'expiry' },
          },
        },
        heldClaim(emailClaimKey(account.email)),
        heldClaim(referralCodeClaimKey(account.referralCode)),
        numberRelease(this.tableName, account.faxNumber, accountId, at),
        ...consents.map((consent) => ({ Delete: { TableName: this.tableName, Key: { PK: consent.PK as string, SK: consent.SK as string } } })),
      ],
    });
    // Only this run's own earlier commit could have removed them: an account once expiring keeps its claims.
    if (failed.length > 0 && !failed.includes(0)) throw new Error('An expiring account no longer holds its claims');
  }

  // Bumps the version, so a profile write read before it fails; drops the index entries, so no
  // schedule (login re-drive, sign-up expiry) picks the account up again.
  async beginErasure(accountId: string): Promise<Account | undefined> {
    const erasing = await updateIf(this.client, {
      TableName: this.tableName,
      Key: accountKey(accountId),
      UpdateExpression: 'SET removal = :erasure, version = version + :one REMOVE GSI1PK, GSI1SK, GSI2PK, GSI2SK',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':erasure': 'erasure', ':one': 1 },
      ReturnValues: 'ALL_NEW',
    });
    return erasing === false ? undefined : toAccount(erasing);
  }

  async quarantineNumber(account: Account, at: string, until: string): Promise<void> {
    // Its condition (still held by this account) fails only when an earlier run released it.
    await updateIf(this.client, numberRelease(this.tableName, account.faxNumber, account.accountId, at, until).Update);
  }

  async removeErased(account: Account): Promise<void> {
    const { accountId } = account;
    // A claim this account no longer holds (another account's since) is left alone.
    const ownClaim = (key: Record<string, string>) => ({
      Delete: {
        TableName: this.tableName,
        Key: key,
        ConditionExpression: 'attribute_not_exists(PK) OR accountId = :me',
        ExpressionAttributeValues: { ':me': accountId },
      },
    });
    const failed = await transactWrite(this.client, {
      TransactItems: [
        {
          Delete: {
            TableName: this.tableName,
            Key: accountKey(accountId),
            ConditionExpression: 'removal = :erasure',
            ExpressionAttributeValues: { ':erasure': 'erasure' },
          },
        },
        ownClaim(emailClaimKey(account.email)),
        ownClaim(referralCodeClaimKey(account.referralCode)),
      ],
    });
    if (failed.length > 0 && !failed.includes(0)) throw new Error('An erased account lost a claim to another account');
  }

  async countCodeAttempt(accountId: string, maxAttempts: number): Promise<Account | undefined> {
    const counted = await updateIf(this.client, {
      TableName: this.tableName,
      Key: accountKey(accountId),
      UpdateExpression: 'SET emailChange.attempts = emailChange.attempts + :one, version = version + :one',
      ConditionExpression: 'attribute_exists(emailChange) AND emailChange.attempts < :max AND #status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts, ':active': 'active' },
      ReturnValues: 'ALL_NEW',
    });
    return counted === false ? undefined : toAccount(counted);
  }

  async dropEmailChange(accountId: string, codeHash: string): Promise<void> {
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: accountKey(accountId),
      UpdateExpression: 'SET version = version + :one REMOVE emailChange',
      ConditionExpression: 'emailChange.codeHash = :hash',
      ExpressionAttributeValues: { ':one': 1, ':hash': codeHash },
    });
  }

  // Not a change of the profile (no version bump), as markLoginProvisioned: a profile write read
  // before it puts the note back, and the re-drive then sets the login's email once more (idempotent).
  async noteLoginEmailCurrent(accountId: string, outdatedAt: string): Promise<void> {
    await updateIf(this.client, {
      TableName: this.tableName,
      Key: accountKey(accountId),
      UpdateExpression: 'REMOVE loginEmailOutdatedAt, GSI2PK, GSI2SK',
      ConditionExpression: 'loginEmailOutdatedAt = :at',
      ExpressionAttributeValues: { ':at': outdatedAt },
    });
  }

  loginEmailsOutdated(before: Date, limit: number): Promise<string[]> {
    return this.listed('GSI2', 'LOGINEMAILOUTDATED', before, limit);
  }

  // The account ids a sparse index lists under `partition` with an entry before `before`, oldest first.
  private async listed(indexName: 'GSI1' | 'GSI2', partition: string, before: Date, limit: number): Promise<string[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: `${indexName}PK = :partition AND ${indexName}SK < :before`,
        ExpressionAttributeValues: { ':partition': partition, ':before': before.toISOString() },
        Limit: limit,
      }),
    );
    return Items.map((item) => item.accountId as string);
  }

  private async claimant(key: Record<string, string>): Promise<string | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return Item?.accountId as string | undefined;
  }

  // Replaces the profile only if nobody changed it since it was read (every change of status bumps
  // the version too). Never a pending sign-up's: its index entries and expiry mark are not in `updated`.
  // Never one being removed: an erasure's partition takes no new consent record, whenever it was read.
  private conditionalProfileWrite(updated: Account, expectedVersion: number) {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...accountKey(updated.accountId),
          type: 'account',
          ...updated,
          ...indexEntryOf(updated),
          ...(isNotifiable(updated) ? notifiableEntry(updated.accountId) : {}),
        },
        ConditionExpression: '#version = :expected AND #status <> :pending AND attribute_not_exists(removal)',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':expected': expectedVersion, ':pending': 'pending' },
      },
    };
  }
}
