import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, NotFound, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportStore } from '../../rights/ports';
import { deleteObjects } from './bulk-delete';

/** S3's smallest part: an export under it is one PutObject, a larger one a multipart upload of such parts. */
const PART_BYTES = 5 * 1024 * 1024;

const isMissing = (error: unknown) => error instanceof NotFound || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);

/**
 * The ExportStore on the exports bucket (KMS by default, private, 7-day lifecycle). An export is
 * streamed in: lib-storage's Upload reads the chunks as it sends them, one part at a time, and the
 * stream asks for the next chunk only when the one before is taken (a high-water mark of one), so
 * memory holds about a part and a page, however large the export.
 */
export class S3ExportStore implements ExportStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async save(key: string, chunks: AsyncIterable<string>): Promise<void> {
    const body = Readable.from(
      (async function* () {
        for await (const chunk of chunks) yield Buffer.from(chunk, 'utf8');
      })(),
      { highWaterMark: 1 },
    );
    await new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/json' },
      partSize: PART_BYTES,
      queueSize: 1,
    }).done();
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  downloadUrl(key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentType: 'application/json' }), {
      expiresIn: expiresInSeconds,
    });
  }

  removeAll(keys: readonly string[]): Promise<void> {
    return deleteObjects(this.client, this.bucket, keys);
  }
}
