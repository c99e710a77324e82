import 'aws-sdk-client-mock-jest';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, TABLE_NAME, account, givenStoredAccount } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { FAX_ID, MALFORMED_FAX_IDS, OTHER_ACCOUNT_ID, faxKey, givenStoredFax, goneItem, goneKey, storedFax, useFaxEnvironment } from '../../test/support/faxes';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler binds its stores when imported: set them, then load it.
useFaxEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const NOW = '2026-12-01T12:00:00.000Z';

const getFax = (faxId = FAX_ID, accountId = ACCOUNT_ID) =>
  invoke(handler, httpEvent({ method: 'GET', path: `/faxes/${faxId}`, routeKey: 'GET /faxes/{faxId}', pathParameters: { faxId }, claims: customerClaims(accountId) }));

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  givenStoredAccount(ddb, account());
});
afterEach(() => jest.restoreAllMocks());

describe('GET /faxes/{faxId}', () => {
  it.each(MALFORMED_FAX_IDS)('answers 404 to a fax id %s, never reading a fax with it', async (_case, faxId) => {
    // Act
    const reply = await getFax(faxId);

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.body.detail).toBe('There is no such fax.');
    expect(ddb).not.toHaveReceivedCommandWith(GetCommand, { Key: expect.objectContaining({ SK: expect.stringMatching(/^FAX#/) }) });
  });

  it("answers 200 with the fax as the inbox lists it, read consistently by the caller's account", async () => {
    // Prepare
    givenStoredFax(ddb, storedFax());

    // Act
    const reply = await getFax();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      faxId: FAX_ID,
      from: '+15559870000',
      to: '+15551230001',
      remoteStationId: 'ACME FAX',
      pages: 2,
      contentType: 'application/pdf',
      sizeBytes: 64,
      receivedAt: '2026-11-28T10:00:00Z',
      expiresAt: '2027-01-27T10:00:01.000Z',
    });
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { TableName: TABLE_NAME, Key: faxKey(FAX_ID, ACCOUNT_ID), ConsistentRead: true });
  });

  it('omits remoteStationId when the gateway sent none', async () => {
    // Prepare
    const { remoteStationId: _omitted, ...withoutStation } = storedFax();
    givenStoredFax(ddb, withoutStation);

    // Act
    const reply = await getFax();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body).not.toHaveProperty('remoteStationId');
  });

  it("answers 404 for another tenant's fax id: the read is keyed by the caller's account and finds nothing", async () => {
    // Prepare
    givenStoredFax(ddb, storedFax({ accountId: OTHER_ACCOUNT_ID }));

    // Act
    const reply = await getFax();

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain(OTHER_ACCOUNT_ID);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: faxKey(FAX_ID, ACCOUNT_ID) });
    expect(ddb).not.toHaveReceivedCommandWith(GetCommand, { Key: faxKey(FAX_ID, OTHER_ACCOUNT_ID) });
  });

  it('answers 404 for an unknown fax id', async () => {
    // Act
    const reply = await getFax('fax_01KB0000000000000000000999');

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('application/problem+json');
  });

  it('answers 404 for a fax the customer deleted (only its marker is left)', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: faxKey(FAX_ID, ACCOUNT_ID) }).resolves({});
    ddb.on(GetCommand, { Key: goneKey(FAX_ID, ACCOUNT_ID) }).resolves({ Item: goneItem(storedFax()) });

    // Act
    const reply = await getFax();

    // Assess
    expect(reply.status).toBe(404);
  });

  it.each([
    ['expired exactly now', NOW],
    ['expired a day ago', '2026-11-30T12:00:00.000Z'],
  ])('answers 404 for a fax %s that the sweep has not removed yet', async (_case, expiresAt) => {
    // Prepare
    givenStoredFax(ddb, storedFax({ expiresAt }));

    // Act
    const reply = await getFax();

    // Assess
    expect(reply.status).toBe(404);
  });

  it('still answers a fax that expires a millisecond from now', async () => {
    // Prepare
    givenStoredFax(ddb, storedFax({ expiresAt: '2026-12-01T12:00:00.001Z' }));

    // Act
    const reply = await getFax();

    // Assess
    expect(reply.status).toBe(200);
  });

  it('answers a deactivated customer their own fax: they may retrieve what remains', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated', deactivatedAt: '2026-11-30T00:00:00.000Z' }));
    givenStoredFax(ddb, storedFax());

    // Act
    const reply = await getFax();

    // Assess
    expect(reply.status).toBe(200);
    expect(reply.body.faxId).toBe(FAX_ID);
  });
});
