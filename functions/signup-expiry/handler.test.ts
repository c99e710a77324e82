import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { numberRelease } from '../../shared/adapters/dynamo/number-items';
import { MemoryLoginDirectory } from '../../test/support/account-fakes';
import { ACCOUNT_ID, TABLE_NAME, account, accountKey, transactItems, useAccountsEnvironment } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { invokeJob } from '../../test/support/jobs';

const logins = new MemoryLoginDirectory();
jest.mock('../../shared/adapters/cognito/login-directory', () => ({ loginDirectory: () => logins }));
useAccountsEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-06-22T12:00:01.000Z';
const SEVEN_DAYS_AGO = '2026-06-15T12:00:01.000Z';
const unproven = account({ status: 'pending', createdAt: '2026-06-15T12:00:00.000Z' });
const CONSENT_KEYS = [`CONSENT#cns_1`, `CONSENT#cns_2`].map((SK) => ({ PK: `ACCOUNT#${ACCOUNT_ID}`, SK }));

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  logins.calls.length = 0;
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(QueryCommand, { IndexName: 'GSI1' }).resolves({ Items: [{ accountId: ACCOUNT_ID }] });
  ddb.on(QueryCommand, { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :consents)' }).resolves({ Items: CONSENT_KEYS });
  ddb.on(UpdateCommand).resolves({ Attributes: { ...accountKey(), type: 'account', ...unproven, removal: 'expiry' } });
  ddb.on(TransactWriteCommand).resolves({});
});
afterEach(() => jest.restoreAllMocks());

describe('signup-expiry', () => {
  it('finds sign-ups pending since 7 days ago on GSI1 and marks each expiring, only if still pending and that old', async () => {
    // Act
    const { summary } = await invokeJob(handler);

    // Assess
    expect(summary).toEqual({ signUpsExpired: 1, createdBefore: SEVEN_DAYS_AGO });
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: TABLE_NAME,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :partition AND GSI1SK < :before',
      ExpressionAttributeValues: { ':partition': 'UNPROVEN', ':before': SEVEN_DAYS_AGO },
    });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: accountKey(),
      UpdateExpression: 'SET removal = :expiry',
      ConditionExpression: '#status = :pending AND createdAt < :before AND (attribute_not_exists(removal) OR removal = :expiry)',
    });
  });

  it('removes the login, then in one transaction the account (if still pending), its claims and consents', async () => {
    // Act
    await invokeJob(handler);

    // Assess
    expect(logins.calls).toEqual([`remove ${ACCOUNT_ID}`]);
    const items = transactItems(ddb);
    expect(items[0].Delete).toMatchObject({ Key: accountKey(), ConditionExpression: '#status = :pending AND removal = :expiry' });
    const claimed = { ConditionExpression: 'accountId = :me', ExpressionAttributeValues: { ':me': ACCOUNT_ID } };
    expect(items.slice(1, 3).map((item) => item.Delete)).toEqual([
      { TableName: TABLE_NAME, Key: { PK: 'EMAIL#ana@acme.test', SK: 'CLAIM' }, ...claimed },
      { TableName: TABLE_NAME, Key: { PK: 'REFERRALCODE#K7M2Q9XA', SK: 'CLAIM' }, ...claimed },
    ]);
    // The number goes back to the inventory at once, without quarantine.
    expect(items[3]).toEqual(numberRelease(TABLE_NAME, '+15551230001', ACCOUNT_ID, NOW));
    expect(items[3].Update.ExpressionAttributeValues[':status']).toBe('available');
    expect(items.slice(4).map((item) => item.Delete.Key)).toEqual(CONSENT_KEYS);
  });

  it('leaves alone (and its login) an account activated since the index listed it', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    // Act
    const { summary } = await invokeJob(handler);

    // Assess
    expect(summary.signUpsExpired).toBe(0);
    expect(logins.calls).toEqual([]);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});
