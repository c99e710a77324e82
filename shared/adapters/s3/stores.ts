import { EnvNames, requiredEnv } from '../../config';
import { s3Client } from './client';
import { S3DocumentStore } from './document-store';
import { S3ExportStore } from './export-store';

/** The fax documents on the function's bound bucket. */
export const faxDocuments = () => new S3DocumentStore(s3Client, requiredEnv(EnvNames.faxBucket));

/** The access and portability exports on the function's bound exports bucket. */
export const exportStore = () => new S3ExportStore(s3Client, requiredEnv(EnvNames.exportBucket));
