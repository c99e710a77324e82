import 'aws-sdk-client-mock-jest';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { TABLE_NAME } from '../../test/support/accounts';
import { pinClock } from '../../test/support/clock';
import { FAX_BUCKET, signedGatewayEvent, useFaxEnvironment, type Signing } from '../../test/support/faxes';
import { invoke } from '../../test/support/http';

// The handler binds its stores and gateway secret when imported: set them (and offline
// credentials to presign with), then load it.
useFaxEnvironment();
const { handler } = require('./handler') as typeof import('./handler');

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

const NOW = '2026-11-28T10:00:00.000Z';
const FIFTEEN_MINUTES_LATER = '2026-11-28T10:15:00.000Z';
const SIZE = 6 * 1024 * 1024;
/** API.md: uploads up to 50 MiB. */
const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

const createUpload = (body: unknown, signing?: Signing) => invoke(handler, signedGatewayEvent('/gateway/uploads', body, signing));

beforeEach(() => {
  pinClock(NOW);
  ddb.reset();
  s3.reset();
  ddb.on(PutCommand).resolves({});
});
afterEach(() => jest.restoreAllMocks());

describe('POST /gateway/uploads', () => {
  it('answers 201 with an upload id, a URL and when it expires (15 minutes)', async () => {
    // Act
    const reply = await createUpload({ contentType: 'application/pdf', sizeBytes: SIZE });

    // Assess
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ uploadId: expect.stringMatching(/^upl_[0-9A-Z]{26}$/), url: expect.any(String), expiresAt: FIFTEEN_MINUTES_LATER });
  });

  it('answers a presigned PUT to uploads/<uploadId> in the fax bucket, valid 900 s', async () => {
    // Act
    const reply = await createUpload({ contentType: 'application/pdf', sizeBytes: SIZE });

    // Assess
    const url = new URL(reply.body.url);
    expect(`${url.host}${url.pathname}`).toContain(FAX_BUCKET);
    expect(url.pathname.endsWith(`/uploads/${reply.body.uploadId}`)).toBe(true);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('x-id')).toBe('PutObject');
    expect(s3).not.toHaveReceivedAnyCommand();
  });

  it('signs the content type and length into the URL, so only the declared document can be PUT', async () => {
    // Act
    const reply = await createUpload({ contentType: 'image/tiff', sizeBytes: SIZE });

    // Assess
    const signedHeaders = new URL(reply.body.url).searchParams.get('X-Amz-SignedHeaders')?.split(';');
    expect(signedHeaders).toEqual(expect.arrayContaining(['content-type', 'content-length', 'host']));
  });

  it('carries no checksum of the empty body in the URL (S3 would reject the real upload)', async () => {
    // Act
    const reply = await createUpload({ contentType: 'application/pdf', sizeBytes: SIZE });

    // Assess
    const params = [...new URL(reply.body.url).searchParams.keys()].map((key) => key.toLowerCase());
    expect(params).not.toContain('x-amz-checksum-crc32');
    expect(params.filter((key) => key.startsWith('x-amz-checksum') || key === 'x-amz-sdk-checksum-algorithm')).toEqual([]);
  });

  it('records the upload (declared type and size) only if new, kept a day', async () => {
    // Act
    const reply = await createUpload({ contentType: 'image/tiff', sizeBytes: SIZE });

    // Assess
    const { uploadId } = reply.body;
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: TABLE_NAME,
      Item: {
        PK: `UPLOAD#${uploadId}`,
        SK: 'UPLOAD',
        type: 'upload',
        uploadId,
        contentType: 'image/tiff',
        sizeBytes: SIZE,
        createdAt: NOW,
        expiresAt: FIFTEEN_MINUTES_LATER,
        expiresAtEpoch: Date.parse(NOW) / 1000 + 24 * 3600,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  });

  it('accepts exactly 50 MiB', async () => {
    // Act
    const reply = await createUpload({ contentType: 'application/pdf', sizeBytes: UPLOAD_LIMIT_BYTES });

    // Assess
    expect(reply.status).toBe(201);
  });

  it.each([
    ['a size over 50 MiB', { contentType: 'application/pdf', sizeBytes: UPLOAD_LIMIT_BYTES + 1 }],
    ['a size of zero', { contentType: 'application/pdf', sizeBytes: 0 }],
    ['a fractional size', { contentType: 'application/pdf', sizeBytes: 1.5 }],
    ['another content type', { contentType: 'image/png', sizeBytes: SIZE }],
    ['an unknown field', { contentType: 'application/pdf', sizeBytes: SIZE, acl: 'public-read' }],
  ])('answers 400 to %s, recording nothing', async (_case, body) => {
    // Act
    const reply = await createUpload(body);

    // Assess
    expect(reply.status).toBe(400);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it('answers 400 to a correctly signed webhook-id of 3,000 characters, recording nothing', async () => {
    // Act
    const reply = await createUpload({ contentType: 'application/pdf', sizeBytes: SIZE }, { id: 'm'.repeat(3_000) });

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ path: 'webhook-id', message: expect.any(String) }]);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });

  it('answers 401 to an unsigned request, recording nothing', async () => {
    // Act
    const reply = await createUpload({ contentType: 'application/pdf', sizeBytes: SIZE }, { omit: ['webhook-signature'] });

    // Assess
    expect(reply.status).toBe(401);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
