import 'aws-sdk-client-mock-jest';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { useOfflineAwsCredentials } from '../../../test/support/aws';
import { S3ExportStore } from './export-store';

useOfflineAwsCredentials();
const s3 = mockClient(S3Client);
const BUCKET = 'fax-backend-unit-exports';
const store = new S3ExportStore(new S3Client({ region: 'us-east-1' }), BUCKET);
const KEY = 'exports/rrq_1.json';
const MIB = 1024 * 1024;

beforeEach(() => {
  s3.reset();
  s3.on(PutObjectCommand).resolves({});
  s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1' });
  s3.on(UploadPartCommand).resolves({ ETag: '"part"' });
  s3.on(CompleteMultipartUploadCommand).resolves({});
});

describe('S3ExportStore.save', () => {
  it('puts a small export as one JSON object under its key', async () => {
    // Act
    await store.save(
      KEY,
      (async function* () {
        yield '{"a":';
        yield '1}';
      })(),
    );

    // Assess
    const [put] = s3.commandCalls(PutObjectCommand);
    expect(put.args[0].input).toMatchObject({ Bucket: BUCKET, Key: KEY, ContentType: 'application/json' });
    expect(Buffer.from(put.args[0].input.Body as Uint8Array).toString('utf8')).toBe('{"a":1}');
  });

  it('uploads a large export in parts as it reads it: the first part leaves before most chunks were made', async () => {
    // Prepare
    const chunkCount = 24;
    let made = 0;
    let madeAtFirstPart: number | undefined;
    s3.on(UploadPartCommand).callsFake(() => {
      madeAtFirstPart ??= made;
      return { ETag: '"part"' };
    });

    // Act
    await store.save(
      KEY,
      (async function* () {
        for (; made < chunkCount; ) {
          made += 1;
          yield 'x'.repeat(MIB);
        }
      })(),
    );

    // Assess
    expect(s3).toHaveReceivedCommandWith(CreateMultipartUploadCommand, { Bucket: BUCKET, Key: KEY, ContentType: 'application/json' });
    expect(s3.commandCalls(UploadPartCommand).length).toBeGreaterThanOrEqual(4);
    expect(madeAtFirstPart).toBeLessThan(chunkCount / 2);
    expect(s3).toHaveReceivedCommandTimes(CompleteMultipartUploadCommand, 1);
  });
});
