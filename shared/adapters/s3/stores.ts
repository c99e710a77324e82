import { EnvNames, requiredEnv } from '../../config';
import { s3Client } from './client';
import { S3DocumentStore } from './document-store';

/** The fax documents on the function's bound bucket. */
export const faxDocuments = () => new S3DocumentStore(s3Client, requiredEnv(EnvNames.faxBucket));
