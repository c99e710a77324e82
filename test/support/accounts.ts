// Fixtures of the accounts slice and of
// the single DynamoDB table behind it, for handler tests that mock DynamoDBDocumentClient.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { Account } from '../../shared/accounts/account';
import type { AliasRelease } from '../../shared/accounts/logins';
import { useOfflineAwsCredentials } from './aws';
import { useMetricsNamespace } from './metrics';

type DocumentClientMock = AwsClientStub<DynamoDBDocumentClient>;

export const TABLE_NAME = 'fax-backend-unit-table';
export const ACCOUNTS_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/fax-backend-unit-accounts';
export const EMAIL_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/fax-backend-unit-emails';
export const RIGHTS_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/fax-backend-unit-rights-requests';

/** The bindings of the accounts functions (table, queues, pseudonymisation key), offline credentials included. */
export const useAccountsEnvironment = (): void => {
  useOfflineAwsCredentials();
  useMetricsNamespace();
  Object.assign(process.env, { TABLE_NAME, ACCOUNTS_QUEUE_URL, EMAIL_QUEUE_URL, RIGHTS_QUEUE_URL, HASH_KEY: 'unit-pseudonymisation-key', USER_POOL_ID: USER_POOL_ID });
};
export const ACCOUNT_ID = 'acc_01JZ8Q3V5K9TWXB2C4D6E8F0GH';
export const USER_POOL_ID = 'us-east-1_unitPool';
export const PROCESSOR_TOKEN = 'pm_secret_token_abc123';

/** The API's example Account Set-Up Form; a fresh copy each call, so a test may change it. */
export const signUpBody = () => ({
  company: 'Acme Dental',
  contactName: 'Ana Ruiz',
  phone: '+15551230000',
  email: 'ana@acme.test',
  faxNumber: '+15551230001',
  attestation: { adultOrBusiness: true },
  consents: { terms: true, marketing: false, privacyPolicyVersion: '2026-01' },
  billing: { processorToken: PROCESSOR_TOKEN, brand: 'visa' as const, last4: '4242', expMonth: 12, expYear: 2030 },
});

/** A stored, active account of ACCOUNT_ID, as the account store reads it. */
export const account = (overrides: Partial<Account> = {}): Account => ({
  accountId: ACCOUNT_ID,
  company: 'Acme Dental',
  contactName: 'Ana Ruiz',
  phone: '+15551230000',
  email: 'ana@acme.test',
  faxNumber: '+15551230001',
  status: 'active',
  createdAt: '2026-01-10T09:00:00.000Z',
  updatedAt: '2026-01-10T09:00:00.000Z',
  loginProvisionedAt: '2026-01-10T09:00:05.000Z',
  preferences: { marketingOptIn: false, optOutAll: false, businessTransitionOptOut: false },
  processing: { restricted: false, objectedToProfiling: false },
  billing: { processorToken: PROCESSOR_TOKEN, brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
  referralCode: 'K7M2Q9XA',
  policyVersion: '2026-01',
  version: 3,
  ...overrides,
});

export const accountKey = (accountId = ACCOUNT_ID) => ({ PK: `ACCOUNT#${accountId}`, SK: 'PROFILE' });

/** The table answers reads of the account's profile item with this account (or with nothing). */
export const givenStoredAccount = (ddb: DocumentClientMock, stored: Account | undefined) => {
  ddb.on(GetCommand).resolves({});
  ddb.on(GetCommand, { Key: accountKey(stored?.accountId) }).resolves(stored ? { Item: { ...accountKey(stored.accountId), type: 'account', ...stored } } : {});
  ddb.on(TransactWriteCommand).resolves({});
};

/** What DynamoDB throws when a transaction is cancelled: one reason code per item, in order. */
export const transactionCanceled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** The items of the n-th TransactWrite the client received. */
export const transactItems = (ddb: DocumentClientMock, nth = 0): any[] => {
  const calls = ddb.commandCalls(TransactWriteCommand);
  if (!calls[nth]) throw new Error(`No TransactWrite #${nth}: ${calls.length} received.`);
  return calls[nth].args[0].input.TransactItems ?? [];
};

/**
 * What a handler's stale-alias policy decides for the account's own login, for a login holding
 * an email its account no longer has, and for a login of no account (an admin's): the policy
 * each login-writing handler must give its login directory (`account()` holds `ana@acme.test`).
 */
export const staleAliasDecisions = async (mayRelease: AliasRelease) => [
  await mayRelease({ username: ACCOUNT_ID, accountId: ACCOUNT_ID }, 'ana@acme.test'),
  await mayRelease({ username: ACCOUNT_ID, accountId: ACCOUNT_ID }, 'ana.before@acme.test'),
  await mayRelease({ username: 'admin-sub-1' }, 'ana@acme.test'),
];
