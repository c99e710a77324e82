import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNTS_QUEUE_URL, PROCESSOR_TOKEN, TABLE_NAME, signUpBody, transactItems, transactionCanceled, useAccountsEnvironment } from '../../test/support/accounts';
import { callSequence } from '../../test/support/aws';
import { pinClock } from '../../test/support/clock';
import { httpEvent, invoke } from '../../test/support/http';
import { numberKey } from '../../test/support/numbers';
import { METRICS_NAMESPACE, emittedMetrics, useMetricsNamespace } from '../../test/support/metrics';

// The handler builds its account store and queue when imported: set their bindings, then load it.
useAccountsEnvironment();
useMetricsNamespace();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const NOW = '2026-06-15T12:00:00.000Z';
const CARD = '4111 1111 1111 1111';
const isNew = 'attribute_not_exists(PK)';

type SignUpBody = ReturnType<typeof signUpBody> & Record<string, unknown>;
const signUp = (body: unknown) => invoke(handler, httpEvent({ method: 'POST', path: '/accounts', body }));
const signUpWith = (change: (body: SignUpBody) => void) => {
  const body: SignUpBody = signUpBody();
  change(body);
  return signUp(body);
};

// A sign-up without marketing consent writes 6 items: 2 claims and the number's assignment, the account, 2 consent records.
const ITEMS_WITHOUT_MARKETING = 6;
const cancelledAt = (index: number, code: string) =>
  transactionCanceled(...Array.from({ length: ITEMS_WITHOUT_MARKETING }, (_, i) => (i === index ? code : 'None')));
const EMAIL_CLAIM = 0;
const FAX_NUMBER_ASSIGNMENT = 1;
const REFERRAL_CODE_CLAIM = 2;
/** The number's assignment refused, with the item as it stood (DynamoDB's attribute values), or none. */
const numberRefused = (item?: Record<string, { S: string }>) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: Array.from({ length: ITEMS_WITHOUT_MARKETING }, (_, i) =>
      i === FAX_NUMBER_ASSIGNMENT ? { Code: 'ConditionalCheckFailed', ...(item ? { Item: item } : {}) } : { Code: 'None' },
    ),
  });

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
});
afterEach(() => jest.restoreAllMocks());

describe('POST /accounts: a valid sign-up', () => {
  it('answers 201 with the new account id and status pending', async () => {
    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ accountId: expect.stringMatching(/^acc_[0-9A-Z]{26}$/), status: 'pending' });
    expect(reply.headers.location).toBe('/me');
  });

  it('queues account.created (ids only) with the request id, after the account is stored', async () => {
    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    const [send] = sqs.commandCalls(SendMessageCommand);
    expect(send.args[0].input).toEqual({
      QueueUrl: ACCOUNTS_QUEUE_URL,
      MessageBody: JSON.stringify({ type: 'account.created', version: 1, accountId: reply.body.accountId }),
      MessageAttributes: { requestId: { DataType: 'String', StringValue: reply.headers['x-request-id'] } },
    });
    expect(callSequence({ store: ddb.commandCalls(TransactWriteCommand)[0], queue: send })).toEqual(['store', 'queue']);
  });

  it('still answers 201 when the queue refuses the event: the account stays listed for the re-drive', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } }));

    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(reply.status).toBe(201);
    expect(transactItems(ddb)[3].Put.Item).toMatchObject({ GSI2PK: 'AWAITINGLOGIN', GSI2SK: `${NOW}#${reply.body.accountId}` });
    expect(reply.logs).toContain(reply.body.accountId);
    expect(reply.logs).not.toContain('ana@acme.test');
  });

  it('queues nothing for a refused sign-up', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(cancelledAt(EMAIL_CLAIM, 'ConditionalCheckFailed'));

    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(reply.status).toBe(409);
    expect(sqs).not.toHaveReceivedAnyCommand();
  });

  it('claims the lower-cased email and a referral code, each only if unclaimed, and assigns the number only if available, in one transaction', async () => {
    // Act
    const reply = await signUpWith((body) => {
      body.email = 'Ana.Ruiz@ACME.test';
    });

    // Assess
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const [email, faxNumber, referralCode] = transactItems(ddb);
    const claim = (PK: string | RegExp, type: string) => ({
      TableName: TABLE_NAME,
      Item: { PK, SK: 'CLAIM', type, accountId: reply.body.accountId },
      ConditionExpression: isNew,
    });
    expect(email.Put).toEqual(claim('EMAIL#ana.ruiz@acme.test', 'email_claim'));
    expect(referralCode.Put).toEqual(claim(expect.stringMatching(/^REFERRALCODE#[0-9A-Z]{8}$/), 'referral_code_claim'));
    expect(faxNumber.Update).toEqual({
      TableName: TABLE_NAME,
      Key: numberKey('+15551230001'),
      UpdateExpression: 'SET #status = :assigned, accountId = :account, updatedAt = :at, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk',
      ConditionExpression: '#status = :available',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':assigned': 'assigned',
        ':available': 'available',
        ':account': reply.body.accountId,
        ':at': NOW,
        ':gsi2pk': 'NUMBERS#assigned',
        ':gsi2sk': '+15551230001',
      },
      // What the number held when refused tells 422 from 409, within the one transaction.
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('stores the account, keeping of the card only the processor token, brand, last4 and expiry', async () => {
    // Act
    const reply = await signUp(signUpBody());

    // Assess
    const items = transactItems(ddb);
    const { Item: stored, ConditionExpression } = items[3].Put;
    expect(ConditionExpression).toBe(isNew);
    expect(stored).toMatchObject({
      PK: `ACCOUNT#${reply.body.accountId}`,
      SK: 'PROFILE',
      type: 'account',
      accountId: reply.body.accountId,
      email: 'ana@acme.test',
      faxNumber: '+15551230001',
      status: 'pending',
      createdAt: NOW,
      GSI1PK: 'UNPROVEN',
      GSI1SK: `${NOW}#${reply.body.accountId}`,
      GSI2PK: 'AWAITINGLOGIN',
      GSI2SK: `${NOW}#${reply.body.accountId}`,
      preferences: { marketingOptIn: false, optOutAll: false, businessTransitionOptOut: false },
      processing: { restricted: false, objectedToProfiling: false },
      referralCode: items[REFERRAL_CODE_CLAIM].Put.Item.PK.replace('REFERRALCODE#', ''),
      policyVersion: '2026-01',
      version: 1,
    });
    expect(stored.billing).toEqual({ processorToken: PROCESSOR_TOKEN, brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 });
    expect(stored).not.toHaveProperty('attestation');
    expect(stored).not.toHaveProperty('consents');
  });

  it.each([
    [false, ['terms', 'privacy_policy']],
    [true, ['terms', 'privacy_policy', 'marketing']],
  ])('records each consent given (marketing: %s) with what, version, when and how', async (marketing, kinds) => {
    // Act
    const reply = await signUpWith((body) => {
      body.consents.marketing = marketing;
    });

    // Assess
    const items = transactItems(ddb);
    const consents = items.slice(4).map((item) => item.Put.Item);
    expect(consents).toEqual(
      kinds.map((kind) => ({
        PK: `ACCOUNT#${reply.body.accountId}`,
        SK: expect.stringMatching(/^CONSENT#cns_/),
        type: 'consent',
        consentId: expect.stringMatching(/^cns_/),
        kind,
        granted: true,
        version: '2026-01',
        recordedAt: NOW,
        method: 'account_set_up_form',
      })),
    );
    expect(items[3].Put.Item.preferences.marketingOptIn).toBe(marketing);
  });

  it('accepts a card that expires at the end of the current month', async () => {
    // Act
    const reply = await signUpWith((body) => {
      body.billing.expMonth = 6;
      body.billing.expYear = 2026;
    });

    // Assess
    expect(reply.status).toBe(201);
  });

  it('records who referred a sign-up with a known referral code, whatever its case', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: { PK: 'REFERRALCODE#K7M2Q9XA', SK: 'CLAIM' } }).resolves({ Item: { accountId: 'acc_referrer' } });
    ddb.on(QueryCommand).resolves({ Items: [] });

    // Act
    const reply = await signUpWith((body) => {
      body.referralCode = 'k7m2q9xa';
    });

    // Assess
    expect(reply.status).toBe(201);
    expect(transactItems(ddb)[3].Put.Item.referredByAccountId).toBe('acc_referrer');
    expect(transactItems(ddb)[3].Put.Item).not.toHaveProperty('referralId');
    expect(transactItems(ddb).some((item) => String(item.Update?.Key?.SK).startsWith('REFERRAL#'))).toBe(false);
  });

  it("names the referrer's latest referral of the email on the account, converting nothing until the sign-up is proven", async () => {
    // Prepare
    ddb.on(GetCommand, { Key: { PK: 'REFERRALCODE#K7M2Q9XA', SK: 'CLAIM' } }).resolves({ Item: { accountId: 'acc_referrer' } });
    ddb.on(QueryCommand).resolves({ Items: [{ PK: 'ACCOUNT#acc_referrer', SK: 'REFERRAL#ref_1', referralId: 'ref_1', referrerId: 'acc_referrer', status: 'invited' }] });

    // Act
    const reply = await signUpWith((body) => {
      body.referralCode = 'K7M2Q9XA';
    });

    // Assess
    expect(reply.status).toBe(201);
    const query = ddb.commandCalls(QueryCommand)[0].args[0].input;
    expect(query).toMatchObject({ IndexName: 'GSI1', FilterExpression: 'referrerId = :referrer', ExpressionAttributeValues: { ':referrer': 'acc_referrer' } });
    expect(transactItems(ddb)[3].Put.Item).toMatchObject({ status: 'pending', referredByAccountId: 'acc_referrer', referralId: 'ref_1' });
    const referralWrites = [...transactItems(ddb), ...ddb.commandCalls(UpdateCommand).map((call) => ({ Update: call.args[0].input }))].filter((item) => String(item.Update?.Key?.SK).startsWith('REFERRAL#'));
    expect(referralWrites).toEqual([]);
  });
});

describe('POST /accounts: refused sign-ups store nothing', () => {
  it.each<[string, (body: SignUpBody) => void]>([
    ['the adult-or-business attestation is false', (body) => (body.attestation.adultOrBusiness = false)],
    ['the terms are not accepted', (body) => (body.consents.terms = false)],
    ['the card expired last month', (body) => Object.assign(body.billing, { expMonth: 5, expYear: 2026 })],
    ['the card expired last year', (body) => Object.assign(body.billing, { expMonth: 12, expYear: 2025 })],
  ])('answers 422 when %s, without any DynamoDB call', async (_case, change) => {
    // Act
    const reply = await signUpWith(change);

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it('answers 422 for an unknown referral code, writing nothing', async () => {
    // Act
    const reply = await signUpWith((body) => {
      body.referralCode = 'ZZZZ9999';
    });

    // Assess
    expect(reply.status).toBe(422);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { TableName: TABLE_NAME, Key: { PK: 'REFERRALCODE#ZZZZ9999', SK: 'CLAIM' } });
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each<[string, (body: SignUpBody) => void, string, string]>([
    ['the company name', (body) => (body.company = `Acme ${CARD}`), 'company', CARD],
    ['the contact name', (body) => (body.contactName = `Ana 4111-1111-1111-1111`), 'contactName', '4111-1111-1111-1111'],
    ['the processor token', (body) => (body.billing.processorToken = 'pm_4111111111111111'), 'billing.processorToken', '4111111111111111'],
    ['a cvv field', (body) => Object.assign(body.billing, { cvv: 'cvv-secret-731' }), 'billing.cvv', 'cvv-secret-731'],
    ['a cardNumber field', (body) => (body.cardNumber = 'on file'), 'cardNumber', 'on file'],
  ])('answers 400 for card data in %s, without any DynamoDB call, echoing and logging none of it', async (_case, change, path, secret) => {
    // Act
    const reply = await signUpWith(change);

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path, message: expect.any(String) }]);
    expect(reply.text).not.toContain(secret);
    expect(reply.logs).not.toContain(secret);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});

describe('POST /accounts: bad input is a 400 that echoes nothing', () => {
  const EMAIL_KEY = 'ana.ruiz@acme.test';
  const CARD_KEY = '4111111111111111';

  it.each<[string, (body: SignUpBody, key: string) => void]>([
    ['at the top level', (body, key) => (body[key] = 'x')],
    ['inside billing', (body, key) => Object.assign(body.billing, { [key]: 'x' })],
    ['inside consents, nested', (body, key) => Object.assign(body.consents, { extra: { [key]: true } })],
  ])('answers 400 for a card number or an email sent as a key %s, echoing and logging neither', async (_case, change) => {
    for (const key of [CARD_KEY, EMAIL_KEY]) {
      // Act
      const reply = await signUpWith((body) => change(body, key));

      // Assess
      expect(reply.status).toBe(400);
      expect(reply.text).not.toContain(key);
      expect(reply.logs).not.toContain(key);
    }
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it.each([
    ['double spaces', '4111  1111  1111  1111'],
    ['no-break spaces', '4111\u00A01111\u00A01111\u00A01111'],
    ['tabs and line breaks', '4111\t1111\n1111\r\n1111'],
    ['dots', '4111.1111.1111.1111'],
    ['slashes', '4111/1111/1111/1111'],
    ['spaced dashes', '4111 - 1111 - 1111 - 1111'],
    ['zero-width spaces', '4111\u200B1111\u200B1111\u200B1111'],
    ['fullwidth digits', '\uFF14\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11'],
  ])('refuses a card number written with %s', async (_case, card) => {
    // Act
    const reply = await signUpWith((body) => (body.company = `Acme ${card}`));

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'company', message: expect.stringMatching(/^Card numbers are not accepted/) }]);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it.each<[string, (body: SignUpBody) => void, string, string]>([
    ['a NUL in the company', (body) => (body.company = 'Acme\u0000Dental'), 'company', 'Must not contain control characters.'],
    ['a line break in the contact name', (body) => (body.contactName = 'Ana\nRuiz'), 'contactName', 'Must not contain control characters.'],
    ['a C1 control in the policy version', (body) => (body.consents.privacyPolicyVersion = '2026\u008501'), 'consents.privacyPolicyVersion', 'Must not contain control characters.'],
    ['a lone surrogate in the company', (body) => (body.company = 'Acme \uD83E'), 'company', 'Must be valid Unicode text.'],
    ['a contact name of zero-width spaces only', (body) => (body.contactName = '\u200B\u200B\u200B'), 'contactName', 'Must not be blank.'],
  ])('answers 400 for %s, writing nothing', async (_case, change, path, message) => {
    // Act
    const reply = await signUpWith(change);

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path, message }]);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it('answers 400 to a deeply nested body, without overflowing the stack', async () => {
    // Prepare: about 4 KB of nested arrays.
    const body = JSON.stringify(signUpBody()).replace('"Acme Dental"', `${'['.repeat(2_000)}${']'.repeat(2_000)}`);

    // Act
    const reply = await signUp(body);

    // Assess
    expect(reply.status).toBe(400);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});

describe('POST /accounts: sign-ups per source address and per email', () => {
  const windowUpdates = () => ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input);

  it('counts each sign-up in the day’s window of its source address and of its email, under keyed digests naming neither', async () => {
    // Act
    const response = await signUpWith((body) => (body.email = 'Ana+Fax@Acme.test'));

    // Assess
    expect(response.status).toBe(201);
    const [source, email] = windowUpdates();
    expect(source).toMatchObject({ TableName: TABLE_NAME, Key: { SK: 'WINDOW#2026-06-15T00:00:00.000Z' }, ExpressionAttributeValues: { ':limit': 5 } });
    expect(email).toMatchObject({ TableName: TABLE_NAME, Key: { SK: 'WINDOW#2026-06-15T00:00:00.000Z' }, ExpressionAttributeValues: { ':limit': 3 } });
    expect(String(source.Key?.PK)).toMatch(/^THROTTLE#sign-ups#[\w-]{43}$/);
    expect(String(email.Key?.PK)).toMatch(/^THROTTLE#sign-ups#[\w-]{43}$/);
    expect(source.Key?.PK).not.toBe(email.Key?.PK);
    expect(JSON.stringify(windowUpdates())).not.toMatch(/192\.0\.2\.1|acme\.test/i);
  });

  it('answers 429 once the day’s sign-ups are used up, reading and writing nothing more', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    // Act
    const response = await signUp(signUpBody());

    // Assess
    expect(response.status).toBe(429);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 429, detail: expect.stringContaining('try again tomorrow') });
    expect(windowUpdates()).toHaveLength(1);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(ddb).not.toHaveReceivedCommand(GetCommand);
    expect(sqs).not.toHaveReceivedAnyCommand();
  });
});

describe('POST /accounts: uniqueness', () => {
  it('answers 409 when the email is already claimed', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(cancelledAt(EMAIL_CLAIM, 'ConditionalCheckFailed'));

    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(reply.status).toBe(409);
    expect(reply.body.detail).toMatch(/email/);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('answers 409 when another account holds the fax number, reading nothing more', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(numberRefused({ PK: { S: 'NUMBER#+15551230001' }, status: { S: 'assigned' }, accountId: { S: 'acc_other' } }));

    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(reply.status).toBe(409);
    expect(reply.body.detail).toMatch(/fax number/);
    expect(reply.text).not.toContain('acc_other');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(ddb).not.toHaveReceivedCommand(GetCommand);
  });

  it.each([
    ['is not in the inventory', undefined],
    ['is quarantined', { PK: { S: 'NUMBER#+15551230001' }, status: { S: 'quarantined' }, quarantinedUntil: { S: '2026-09-01T00:00:00.000Z' } }],
  ])('answers 422 when the fax number %s, storing nothing', async (_case, item) => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(numberRefused(item));

    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.body.detail).toMatch(/fax number is not available/);
    expect(reply.text).not.toContain('+15551230001');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(ddb).not.toHaveReceivedCommand(GetCommand);
  });

  it('retries a transaction cancelled by a concurrent sign-up for the number, then answers 409 when that sign-up got it', async () => {
    // Prepare
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelledAt(FAX_NUMBER_ASSIGNMENT, 'TransactionConflict'))
      .rejectsOnce(numberRefused({ PK: { S: 'NUMBER#+15551230001' }, status: { S: 'assigned' }, accountId: { S: 'acc_winner' } }))
      .resolves({});

    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(reply.status).toBe(409);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('retries a referral-code collision with a new code and succeeds', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejectsOnce(cancelledAt(REFERRAL_CODE_CLAIM, 'ConditionalCheckFailed')).resolves({});

    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(reply.status).toBe(201);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    const [first, second] = [transactItems(ddb, 0), transactItems(ddb, 1)];
    const pk = (items: typeof first, index: number) => items[index].Put.Item.PK;
    expect(pk(second, REFERRAL_CODE_CLAIM)).not.toBe(pk(first, REFERRAL_CODE_CLAIM));
    expect(pk(second, EMAIL_CLAIM)).toBe(pk(first, EMAIL_CLAIM));
    expect(second[3].Put.Item.referralCode).toBe(pk(second, REFERRAL_CODE_CLAIM).replace('REFERRALCODE#', ''));
    expect(reply.body.accountId).toBe(second[3].Put.Item.accountId);
  });

  it('retries a transaction cancelled by a concurrent sign-up, then answers 409 when the email turns out taken', async () => {
    // Prepare
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelledAt(EMAIL_CLAIM, 'TransactionConflict'))
      .rejectsOnce(cancelledAt(EMAIL_CLAIM, 'ConditionalCheckFailed'))
      .resolves({});

    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(reply.status).toBe(409);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });
});

describe('POST /accounts: DynamoDB failures', () => {
  it.each([
    [
      'throttled',
      new ProvisionedThroughputExceededException({
        message: `Rate of requests exceeds the allowed throughput for table ${TABLE_NAME}`,
        $metadata: { httpStatusCode: 400 },
      }),
    ],
    [
      'failing with a 5xx',
      Object.assign(new Error(`Internal server error at arn:aws:dynamodb:us-east-1:123456789012:table/${TABLE_NAME}`), {
        name: 'InternalServerError',
        $metadata: { httpStatusCode: 500 },
      }),
    ],
  ])('answers a 500 problem revealing nothing of the SDK error when DynamoDB is %s', async (_case, error) => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(error);

    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(reply.status).toBe(500);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    for (const leaked of [error.name, error.message, TABLE_NAME, 'arn:aws', 'throughput']) expect(reply.text).not.toContain(leaked);
  });
});

describe('POST /accounts: metrics', () => {
  it('counts a sign-up, under the service dimension alone (nothing of the account)', async () => {
    // Act
    const reply = await signUp(signUpBody());

    // Assess
    expect(reply.status).toBe(201);
    expect(emittedMetrics(reply.logs)).toEqual([{ namespace: METRICS_NAMESPACE, dimensions: { service: expect.any(String) }, values: { SignUps: 1 } }]);
  });

  it('counts no sign-up for a refused one', async () => {
    // Act
    const reply = await signUpWith((body) => {
      body.consents.terms = false;
    });

    // Assess
    expect(reply.status).toBe(422);
    expect(emittedMetrics(reply.logs)).toEqual([]);
  });
});
