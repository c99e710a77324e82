import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NotFound,
  NoSuchKey,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { deleteObjects } from './bulk-delete';
import type { FaxContentType } from '../../faxes/document';
import { RETENTION_TAG, type RetentionTagValue } from '../../faxes/fax';
import type { DocumentStore } from '../../faxes/ports';

/** A fax document's tags as written (URL-encoded): the standard retention, which the bucket's lifecycle expires. */
const STANDARD_RETENTION = `${RETENTION_TAG.key}=${RETENTION_TAG.standard}`;

const hasStatus = (error: unknown, status: number) => error instanceof S3ServiceException && error.$metadata.httpStatusCode === status;
const isMissing = (error: unknown) => error instanceof NotFound || error instanceof NoSuchKey || hasStatus(error, 404);
/** A copy whose `CopySourceIfMatch` no longer holds. */
const isChanged = (error: unknown) => hasStatus(error, 412);
const isUnsatisfiableRange = (error: unknown) => hasStatus(error, 416);

/**
 * The DocumentStore on one S3 bucket. The bucket encrypts with its KMS key by default, so no
 * call names a key; the bucket is private and clients only ever get presigned URLs.
 */
export class S3DocumentStore implements DocumentStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, bytes: Buffer, contentType: FaxContentType): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType, Tagging: STANDARD_RETENTION }));
  }

  async copy(fromKey: string, toKey: string, contentType: FaxContentType, version: string): Promise<boolean> {
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: toKey,
          CopySource: `${this.bucket}/${fromKey}`,
          CopySourceIfMatch: version,
          ContentType: contentType,
          MetadataDirective: 'REPLACE',
          // The upload's tags (none) are not the fax's: it is written under the standard retention.
          TaggingDirective: 'REPLACE',
          Tagging: STANDARD_RETENTION,
        }),
      );
      return true;
    } catch (error) {
      if (isChanged(error) || isMissing(error)) return false;
      throw error;
    }
  }

  /** Sets a document's retention tag (the bucket's lifecycle expires `standard` ones only); false when there is no such object. */
  async tagRetention(key: string, value: RetentionTagValue): Promise<boolean> {
    try {
      await this.client.send(new PutObjectTaggingCommand({ Bucket: this.bucket, Key: key, Tagging: { TagSet: [{ Key: RETENTION_TAG.key, Value: value }] } }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** The whole object (a legal production's fax content), or undefined when there is none. */
  async read(key: string): Promise<Buffer | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async peek(key: string, length: number): Promise<{ sizeBytes: number; firstBytes: Buffer; version: string } | undefined> {
    // One ranged GET: size, bytes and ETag all describe the same version of the object.
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${length - 1}` }));
      const total = /\/(\d+)$/.exec(object.ContentRange ?? '')?.[1];
      return {
        sizeBytes: total === undefined ? (object.ContentLength ?? 0) : Number(total),
        firstBytes: Buffer.from(await object.Body!.transformToByteArray()),
        version: object.ETag ?? '',
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      // An empty object has no byte 0 to range over.
      if (isUnsatisfiableRange(error)) return { sizeBytes: 0, firstBytes: Buffer.alloc(0), version: '' };
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async deleteOlderThan(prefix: string, before: Date): Promise<number> {
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      const stale = (page.Contents ?? []).filter((object) => object.Key && object.LastModified && object.LastModified < before);
      if (stale.length > 0) {
        await this.deleteAll(stale.map(({ Key }) => Key!));
        removed += stale.length;
      }
      token = page.NextContinuationToken;
    } while (token);
    return removed;
  }

  /** Deletes the objects, up to 1000 (S3's limit) to a DeleteObjects call; deleting one already gone succeeds. */
  deleteAll(keys: readonly string[]): Promise<void> {
    return deleteObjects(this.client, this.bucket, keys);
  }

  downloadUrl(key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: expiresInSeconds });
  }

  uploadUrl(key: string, contentType: FaxContentType, sizeBytes: number, expiresInSeconds: number): Promise<string> {
    // Content type and length are signed: the gateway can PUT exactly what it declared, nothing larger.
    return getSignedUrl(
      this.client,
      new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: sizeBytes }),
      { expiresIn: expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
    );
  }
}
