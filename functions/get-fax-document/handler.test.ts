import 'aws-sdk-client-mock-jest';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT_ID, account, givenStoredAccount } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { FAX_BUCKET, FAX_ID, OTHER_ACCOUNT_ID, faxKey, givenStoredFax, storedFax, useFaxEnvironment, MALFORMED_FAX_IDS } from '../../test/support/faxes';
import { customerClaims, httpEvent, invoke } from '../../test/support/http';

// The handler binds its stores when imported: set them (and offline credentials to presign with), then load it.
useFaxEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const NOW = '2026-12-01T12:00:00.000Z';
const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;

const getDocument = (faxId = FAX_ID, accountId = ACCOUNT_ID) =>
  invoke(
    handler,
    httpEvent({ method: 'GET', path: `/faxes/${faxId}/document`, routeKey: 'GET /faxes/{faxId}/document', pathParameters: { faxId }, claims: customerClaims(accountId) }),
  );

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  s3.reset();
  givenStoredAccount(ddb, account());
});
afterEach(() => jest.restoreAllMocks());

describe('GET /faxes/{faxId}/document', () => {
  it.each(MALFORMED_FAX_IDS)('answers 404 to a fax id %s, never reading a fax with it', async (_case, faxId) => {
    // Act
    const reply = await getDocument(faxId);

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.body.detail).toBe('There is no such fax.');
    expect(ddb).not.toHaveReceivedCommandWith(GetCommand, { Key: expect.objectContaining({ SK: expect.stringMatching(/^FAX#/) }) });
    expect(s3).not.toHaveReceivedAnyCommand();
  });

  it("answers a presigned GET of the fax's document in its bucket, valid 900 s", async () => {
    // Prepare
    givenStoredFax(ddb, storedFax());

    // Act
    const reply = await getDocument();

    // Assess
    expect(reply.status).toBe(200);
    const url = new URL(reply.body.url);
    expect(url.protocol).toBe('https:');
    expect(`${url.host}${url.pathname}`).toContain(FAX_BUCKET);
    expect(url.pathname.endsWith(`/faxes/${FAX_ID}`)).toBe(true);
    expect(reply.body.url).toContain('X-Amz-Expires=900');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('x-id')).toBe('GetObject');
    expect(s3).not.toHaveReceivedAnyCommand();
  });

  it('answers an expiresAt no later than 15 minutes from now', async () => {
    // Prepare
    givenStoredFax(ddb, storedFax());

    // Act
    const reply = await getDocument();

    // Assess
    const expiresAt = Date.parse(reply.body.expiresAt);
    expect(expiresAt).toBeGreaterThan(Date.parse(NOW));
    expect(expiresAt).toBeLessThanOrEqual(Date.parse(NOW) + FIFTEEN_MINUTES_MS);
    expect(reply.body.expiresAt).toBe(new Date(Date.parse(NOW) + FIFTEEN_MINUTES_MS).toISOString());
  });

  it.each([
    ['exactly now', NOW],
    ['a day ago', '2026-11-30T12:00:00.000Z'],
  ])('answers 410 for a fax that expired %s, with no link', async (_case, expiresAt) => {
    // Prepare
    givenStoredFax(ddb, storedFax({ expiresAt }));

    // Act
    const reply = await getDocument();

    // Assess
    expect(reply.status).toBe(410);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.text).not.toContain('X-Amz');
  });

  it("answers 404 for another tenant's fax id, with no link", async () => {
    // Prepare
    givenStoredFax(ddb, storedFax({ accountId: OTHER_ACCOUNT_ID }));

    // Act
    const reply = await getDocument();

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain('X-Amz');
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: faxKey(FAX_ID, ACCOUNT_ID) });
  });

  it('answers a deactivated customer their own document: they may retrieve what remains (their export links here)', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated', deactivatedAt: '2026-11-30T00:00:00.000Z' }));
    givenStoredFax(ddb, storedFax());

    // Act
    const reply = await getDocument();

    // Assess
    expect(reply.status).toBe(200);
    expect(new URL(reply.body.url).pathname.endsWith(`/faxes/${FAX_ID}`)).toBe(true);
  });

  it('answers 404 to an account being erased, with no link', async () => {
    // Prepare
    givenStoredAccount(ddb, account({ status: 'deactivated', deactivatedAt: '2026-11-30T00:00:00.000Z', removal: 'erasure' }));
    givenStoredFax(ddb, storedFax());

    // Act
    const reply = await getDocument();

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain('X-Amz');
    expect(ddb).not.toHaveReceivedCommandWith(GetCommand, { Key: faxKey(FAX_ID, ACCOUNT_ID) });
  });
});
