import { S3Client } from '@aws-sdk/client-s3';

/**
 * One S3 client per container. Checksums only when S3 requires them: otherwise the SDK signs a
 * checksum of the empty body into presigned PUT URLs and S3 rejects the real upload.
 * S3_FORCE_PATH_STYLE is set only by the local runtime, whose S3 emulator serves buckets by path.
 */
export const s3Client = new S3Client({
  forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
