import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Preferences } from '../../shared/accounts/account';
import { ACCOUNT_ID, TABLE_NAME, account, givenStoredAccount, transactItems, transactionCanceled } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler builds its account store when imported, from TABLE_NAME: set it, then load it.
process.env.TABLE_NAME = TABLE_NAME;
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-06-15T12:00:00.000Z';
const putPreferences = (body: unknown) =>
  invoke(handler, httpEvent({ method: 'PUT', path: '/me/preferences', claims: customerClaims(ACCOUNT_ID), body }));
const storedWith = (preferences: Partial<Preferences>, processing = { restricted: false, objectedToProfiling: false }) =>
  givenStoredAccount(
    ddb,
    account({ preferences: { marketingOptIn: false, optOutAll: false, businessTransitionOptOut: false, ...preferences }, processing }),
  );
const consentRecord = (kind: string, granted: boolean) => ({
  PK: `ACCOUNT#${ACCOUNT_ID}`,
  SK: expect.stringMatching(/^CONSENT#cns_/),
  type: 'consent',
  consentId: expect.stringMatching(/^cns_/),
  kind,
  granted,
  version: '2026-01',
  recordedAt: NOW,
  method: 'preferences',
});
const marketingConsent = (granted: boolean) => consentRecord('marketing', granted);
/** The account's audit entry of a choice, appended once (conditional), by the customer. */
const auditEntry = (action: string) => ({
  TableName: TABLE_NAME,
  Item: expect.objectContaining({ PK: `AUDIT#account:${ACCOUNT_ID}`, type: 'audit_entry', action, actor: { kind: 'customer', accountId: ACCOUNT_ID }, at: NOW }),
  ConditionExpression: 'attribute_not_exists(PK)',
});

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
});
afterEach(() => jest.restoreAllMocks());

describe('PUT /me/preferences', () => {
  it('opting out of everything also withdraws marketing, with a consent record and an audit entry of each withdrawal', async () => {
    // Prepare
    storedWith({ marketingOptIn: true });

    // Act
    const reply = await putPreferences({ optOutAll: true });

    // Assess
    const expected = { marketingOptIn: false, optOutAll: true, businessTransitionOptOut: false };
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(expected);
    const [profile, marketing, communications, ...audit] = transactItems(ddb);
    expect(profile.Put).toMatchObject({ Item: { preferences: expected, version: 4 }, ExpressionAttributeValues: { ':expected': 3 } });
    // No longer listed for the policy notices (POLICY.md: opted out of all communication, not contacted).
    expect(profile.Put.Item).not.toHaveProperty('GSI1PK');
    expect(profile.Put.Item).not.toHaveProperty('GSI1SK');
    expect(marketing.Put.Item).toEqual(marketingConsent(false));
    expect(communications.Put.Item).toEqual(consentRecord('communications', false));
    expect(audit.map((item) => item.Put)).toEqual([auditEntry('marketing-consent-withdrawn'), auditEntry('communications-consent-withdrawn')]);
  });

  it('opting in to marketing writes a consent record of the grant', async () => {
    // Prepare
    storedWith({ marketingOptIn: false });

    // Act
    const reply = await putPreferences({ marketingOptIn: true });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.marketingOptIn).toBe(true);
    expect(transactItems(ddb).map((item) => item.Put.Item.type)).toEqual(['account', 'consent', 'audit_entry']);
    expect(transactItems(ddb)[1].Put.Item).toEqual(marketingConsent(true));
  });

  it.each([
    [{ businessTransitionOptOut: false }, { businessTransitionOptOut: true }, 'business_transition', false, 'business-transition-consent-withdrawn'],
    [{ businessTransitionOptOut: true }, { businessTransitionOptOut: false }, 'business_transition', true, 'business-transition-consent-given'],
    [{ optOutAll: true }, { optOutAll: false }, 'communications', true, 'communications-consent-given'],
  ])('records a change from %p to %p as a consent record and an audit entry', async (stored, body, kind, granted, action) => {
    // Prepare
    storedWith(stored);

    // Act
    const reply = await putPreferences(body);

    // Assess
    expect(reply.status).toBe(200);
    const [profile, consent, audit, ...rest] = transactItems(ddb);
    expect(profile.Put.Item.preferences).toMatchObject(body);
    expect(consent.Put.Item).toEqual(consentRecord(kind, granted));
    expect(audit.Put).toEqual(auditEntry(action));
    expect(rest).toEqual([]);
  });

  it.each([
    ['marketing is set to what it already is', { marketingOptIn: true }, { marketingOptIn: true }],
    ['every choice is already as asked', { optOutAll: true, businessTransitionOptOut: true }, { optOutAll: true, businessTransitionOptOut: true }],
  ])('writes nothing when %s, and answers the preferences', async (_case, stored, body) => {
    // Prepare
    storedWith(stored);

    // Act
    const reply = await putPreferences(body);

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject(body);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('lets a customer who opted out of everything opt back in to marketing in one request', async () => {
    // Prepare
    storedWith({ optOutAll: true });

    // Act
    const reply = await putPreferences({ optOutAll: false, marketingOptIn: true });

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ marketingOptIn: true, optOutAll: false, businessTransitionOptOut: false });
    // Listed for the policy notices again, in its account's shard of the index.
    expect(transactItems(ddb)[0].Put.Item).toMatchObject({ GSI1PK: expect.stringMatching(/^NOTIFIABLE#\d+$/), GSI1SK: expect.stringMatching(/^acc_/) });
  });

  it.each([
    ['while already opted out of everything', () => storedWith({ optOutAll: true }), { marketingOptIn: true }],
    ['together with opting out of everything', () => storedWith({}), { marketingOptIn: true, optOutAll: true }],
    ['while processing is restricted', () => storedWith({}, { restricted: true, objectedToProfiling: false }), { marketingOptIn: true }],
  ])('answers 422 to marketing chosen %s, and writes nothing', async (_case, given, body) => {
    // Prepare
    given();

    // Act
    const reply = await putPreferences(body);

    // Assess
    expect(reply.status).toBe(422);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 403 to a deactivated account and writes nothing', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated' }));

    // Act
    const reply = await putPreferences({ optOutAll: true });

    // Assess
    expect(reply.status).toBe(403);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 409 when the account changed concurrently', async () => {
    // Prepare
    storedWith({});
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed'));

    // Act
    const reply = await putPreferences({ businessTransitionOptOut: true });

    // Assess
    expect(reply.status).toBe(409);
  });

  it.each([
    ['no field at all', {}],
    ['an unknown preference', { smsOptIn: true }],
    ['a non-boolean value', { optOutAll: 'yes' }],
  ])('answers 400 for %s, without reading or writing', async (_case, body) => {
    // Act
    const reply = await putPreferences(body);

    // Assess
    expect(reply.status).toBe(400);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it.each(['4111111111111111', 'ana.ruiz@acme.test'])('answers 400 to %p sent as a key, echoing and logging it nowhere', async (key) => {
    // Act
    const replies = [await putPreferences({ optOutAll: true, [key]: true }), await putPreferences({ [key]: { [key]: 1 } })];

    // Assess
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.text).not.toContain(key);
      expect(reply.logs).not.toContain(key);
    }
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
