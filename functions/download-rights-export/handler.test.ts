import 'aws-sdk-client-mock-jest';
import { HeadObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { hmacPseudonymiser } from '../../shared/adapters/secrets/pseudonymiser';
import { EnvNames } from '../../shared/config';
import { EXPORT_LINK_DAYS, signExportLink } from '../../shared/rights/export-link';
import { useOfflineAwsCredentials } from '../../test/support/aws';
import { pinClock } from '../../test/support/clock';
import { HASH_KEY } from '../../test/support/faxes';
import { httpEvent, invoke } from '../../test/support/http';
import { useMetricsNamespace } from '../../test/support/metrics';

// The handler binds its bucket and key when imported: set them (and offline credentials to presign with), then load it.
const EXPORT_BUCKET = 'fax-backend-unit-exports';
useOfflineAwsCredentials();
useMetricsNamespace();
Object.assign(process.env, { [EnvNames.exportBucket]: EXPORT_BUCKET, [EnvNames.hashKeyValue]: HASH_KEY });
const { handler } = require('./handler') as typeof import('./handler');

const s3 = mockClient(S3Client);
const SIGNED_AT = '2026-06-15T12:00:00.000Z';
const REQUEST_ID = 'rrq_01KB0000000000000000000001';

const tokenFor = async (requestId = REQUEST_ID, key = HASH_KEY) => {
  const { url } = await signExportLink(hmacPseudonymiser(async () => key), 'https://api.fax.example', requestId, new Date(SIGNED_AT));
  return new URL(url).searchParams.get('token')!;
};

const follow = (token: string | undefined, id = REQUEST_ID) =>
  invoke(
    handler,
    httpEvent({
      method: 'GET',
      path: `/rights-requests/${id}/export`,
      routeKey: 'GET /rights-requests/{id}/export',
      pathParameters: { id },
      ...(token === undefined ? {} : { query: { token } }),
    }),
  );

beforeEach(() => {
  pinClock(SIGNED_AT);
  s3.reset();
  s3.on(HeadObjectCommand).resolves({ ContentLength: 10 });
});
afterEach(() => jest.restoreAllMocks());

describe('GET /rights-requests/{id}/export', () => {
  it("redirects (302) a genuine link to a fresh presigned GET of the request's export, valid 300 s", async () => {
    // Act
    const reply = await follow(await tokenFor());

    // Assess
    expect(reply.status).toBe(302);
    const location = new URL(reply.headers.location);
    expect(`${location.host}${location.pathname}`).toContain(EXPORT_BUCKET);
    expect(location.pathname.endsWith(`/exports/${REQUEST_ID}.json`)).toBe(true);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(s3).toHaveReceivedCommandWith(HeadObjectCommand, { Bucket: EXPORT_BUCKET, Key: `exports/${REQUEST_ID}.json` });
  });

  it.each([
    ['signed with another key (forged)', () => tokenFor(REQUEST_ID, 'not-the-key')],
    ["another request's", () => tokenFor('rrq_01KB0000000000000000000002')],
  ])('answers 404 to a token %s, never touching the bucket', async (_case, token) => {
    // Act
    const reply = await follow(await token());

    // Assess
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(s3).not.toHaveReceivedAnyCommand();
  });

  it('answers 410 once the link expired', async () => {
    // Prepare
    const token = await tokenFor();
    pinClock(new Date(Date.parse(SIGNED_AT) + EXPORT_LINK_DAYS * 24 * 60 * 60 * 1000).toISOString());

    // Act
    const reply = await follow(token);

    // Assess
    expect(reply.status).toBe(410);
  });

  it('answers 404 when the export is gone', async () => {
    // Prepare
    s3.on(HeadObjectCommand).rejects(new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }));

    // Act
    const reply = await follow(await tokenFor());

    // Assess
    expect(reply.status).toBe(404);
  });

  it.each([undefined, 'not-a-token'])('answers 400 to a missing or malformed token (%p), never echoing it', async (token) => {
    // Act
    const reply = await follow(token);

    // Assess
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).not.toContain('not-a-token');
    expect(s3).not.toHaveReceivedAnyCommand();
  });
});
