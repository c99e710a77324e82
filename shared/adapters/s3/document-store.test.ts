import 'aws-sdk-client-mock-jest';
import { CopyObjectCommand, NoSuchKey, PutObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { S3DocumentStore } from './document-store';

const s3 = mockClient(S3Client);
const store = new S3DocumentStore(s3 as unknown as S3Client, 'faxes-bucket');

beforeEach(() => {
  s3.reset();
  s3.on(PutObjectCommand).resolves({});
  s3.on(CopyObjectCommand).resolves({});
  s3.on(PutObjectTaggingCommand).resolves({});
});

describe('S3DocumentStore: the retention tag the fax bucket lifecycle expires by', () => {
  it('writes every document, inline or copied from an upload, tagged with the standard retention', async () => {
    // Act
    await store.put('faxes/fax_1', Buffer.from('%PDF-1.4'), 'application/pdf');
    await store.copy('uploads/upl_1', 'faxes/fax_2', 'application/pdf', '"etag"');

    // Assess
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'faxes/fax_1', Tagging: 'retention=standard' });
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, { Key: 'faxes/fax_2', TaggingDirective: 'REPLACE', Tagging: 'retention=standard' });
  });

  it('re-tags a document a legal hold keeps, and answers false for one that is gone', async () => {
    // Act
    const tagged = await store.tagRetention('faxes/fax_1', 'legal-hold');
    s3.on(PutObjectTaggingCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } }));
    const gone = await store.tagRetention('faxes/fax_2', 'legal-hold');

    // Assess
    expect(tagged).toBe(true);
    expect(gone).toBe(false);
    expect(s3).toHaveReceivedCommandWith(PutObjectTaggingCommand, { Key: 'faxes/fax_1', Tagging: { TagSet: [{ Key: 'retention', Value: 'legal-hold' }] } });
  });
});
