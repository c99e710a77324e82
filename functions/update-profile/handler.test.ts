import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ACCOUNT_ID,
  PROCESSOR_TOKEN,
  TABLE_NAME,
  account,
  accountKey,
  givenStoredAccount,
  transactItems,
  transactionCanceled,
} from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler builds its account store when imported, from TABLE_NAME: set it, then load it.
process.env.TABLE_NAME = TABLE_NAME;
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-06-15T12:00:00.000Z';
const patchMe = (body: unknown) => invoke(handler, httpEvent({ method: 'PATCH', path: '/me', claims: customerClaims(ACCOUNT_ID), body }));

// The profile write is item 0; an email change adds the old claim's Delete (1) and the new claim's Put (2).
const PROFILE = 0;
const OLD_EMAIL_CLAIM = 1;
const NEW_EMAIL_CLAIM = 2;

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  givenStoredAccount(ddb, account({ version: 3 }));
});
afterEach(() => jest.restoreAllMocks());

describe('PATCH /me', () => {
  it('answers 200 with the updated profile, written only if nobody changed it since it was read', async () => {
    // Act
    const reply = await patchMe({ company: 'Acme Dental Group', contactName: 'Ana M. Ruiz' });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ accountId: ACCOUNT_ID, company: 'Acme Dental Group', contactName: 'Ana M. Ruiz', email: 'ana@acme.test' });
    expect(reply.text).not.toContain(PROCESSOR_TOKEN);
    const items = transactItems(ddb);
    expect(items).toHaveLength(1);
    expect(items[PROFILE].Put).toEqual({
      TableName: TABLE_NAME,
      Item: {
        ...accountKey(),
        type: 'account',
        ...account({ company: 'Acme Dental Group', contactName: 'Ana M. Ruiz', updatedAt: NOW, version: 4 }),
      },
      ConditionExpression: '#version = :expected AND #status = :active',
      ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
      ExpressionAttributeValues: { ':expected': 3, ':active': 'active' },
    });
  });

  it('moves the email claim in the same transaction when the email changes', async () => {
    // Act
    const reply = await patchMe({ email: 'Ana@NewCo.Test' });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.email).toBe('ana@newco.test');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = transactItems(ddb);
    expect(items).toHaveLength(3);
    expect(items[PROFILE].Put.Item.email).toBe('ana@newco.test');
    expect(items[OLD_EMAIL_CLAIM].Delete).toEqual({
      TableName: TABLE_NAME,
      Key: { PK: 'EMAIL#ana@acme.test', SK: 'CLAIM' },
      ConditionExpression: 'accountId = :me',
      ExpressionAttributeValues: { ':me': ACCOUNT_ID },
    });
    expect(items[NEW_EMAIL_CLAIM].Put).toEqual({
      TableName: TABLE_NAME,
      Item: { PK: 'EMAIL#ana@newco.test', SK: 'CLAIM', type: 'email_claim', accountId: ACCOUNT_ID },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  });

  it('leaves the claim alone when the email only changes case', async () => {
    // Act
    const reply = await patchMe({ email: 'ANA@acme.TEST' });

    // Assess
    expect(reply.status).toBe(200);
    expect(transactItems(ddb)).toHaveLength(1);
  });

  it.each([
    ['the new email is already claimed', transactionCanceled('None', 'None', 'ConditionalCheckFailed'), /email/],
    ['the account changed concurrently (version condition)', transactionCanceled('ConditionalCheckFailed', 'None', 'None'), /changed/],
  ])('answers 409 when %s', async (_case, cancellation, detail) => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(cancellation);

    // Act
    const reply = await patchMe({ email: 'ana@newco.test' });

    // Assess
    expect(reply.status).toBe(409);
    expect(reply.body.detail).toMatch(detail);
  });

  it('answers 403 to a deactivated account and writes nothing', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated' }));

    // Act
    const reply = await patchMe({ company: 'Acme Dental Group' });

    // Assess
    expect(reply.status).toBe(403);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 404 when the account is gone', async () => {
    // Prepare
    givenStoredAccount(ddb, undefined);

    // Act
    const reply = await patchMe({ company: 'Acme Dental Group' });

    // Assess
    expect(reply.status).toBe(404);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each([
    ['no field at all', {}],
    ['a field the customer may not change', { status: 'active' }],
    ['a phone that is not E.164', { phone: '555-1234' }],
    ['an invalid email', { email: 'not-an-email' }],
    ['a company with a NUL', { company: 'Acme\u0000' }],
    ['a contact name of zero-width spaces only', { contactName: '\u200B\u200B' }],
    ['a card number written with dots', { company: 'Acme 4111.1111.1111.1111' }],
  ])('answers 400 for %s, without reading or writing', async (_case, body) => {
    // Act
    const reply = await patchMe(body);

    // Assess
    expect(reply.status).toBe(400);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it.each([
    ['an unknown field alone', { status: 'active' }, [{ path: '(body)', message: 'Unknown field.' }]],
    ['no field at all', {}, [{ path: '(body)', message: 'At least one field is required.' }]],
  ])('answers 400 for %s with that one problem', async (_case, body, errors) => {
    // Act
    const reply = await patchMe(body);

    // Assess
    expect(reply.body.errors).toEqual(errors);
  });

  it.each([
    ['an id-shaped run of card digits', 'abc_41111111111111110000000000'],
    ['a fax-id-shaped run of card digits', 'fax_41111111111111110000000000'],
    ['a combining mark on a digit', '4\u0301111111111111111'],
    ['groups five spaces apart', '4111     1111     1111     1111'],
    ['underscores', '4111_1111_1111_1111'],
    ['a grouped Amex number after a plus', '+3782 822463 10005'],
  ])('answers 400 for card digits written as %s, writing nothing', async (_case, contactName) => {
    // Act
    const reply = await patchMe({ contactName });

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'contactName', message: expect.stringMatching(/^Card numbers are not accepted/) }]);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it.each(['4111111111111111', 'ana.ruiz@acme.test'])('answers 400 to %p sent as a key, echoing and logging it nowhere', async (key) => {
    // Act
    const replies = [await patchMe({ company: 'Acme', [key]: 'x' }), await patchMe({ [key]: { [key]: 1 } })];

    // Assess
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.text).not.toContain(key);
      expect(reply.logs).not.toContain(key);
    }
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
