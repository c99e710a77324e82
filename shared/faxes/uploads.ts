import { now } from '../clock';
import { newId } from '../ids';
import { uploadKeyOf } from './fax';
import type { DocumentStore, UploadStore } from './ports';
import type { UploadRequest, UploadTicket } from './schemas';

/** A gateway has this long to PUT the bytes to the presigned URL. */
const UPLOAD_URL_SECONDS = 15 * 60;

/** A presigned PUT for one document of a declared type and exact size. */
export const createUpload = async (uploads: UploadStore, documents: DocumentStore, request: UploadRequest): Promise<UploadTicket> => {
  const createdAt = now();
  const uploadId = newId('upl');
  const expiresAt = new Date(createdAt.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString();
  const url = await documents.uploadUrl(uploadKeyOf(uploadId), request.contentType, request.sizeBytes, UPLOAD_URL_SECONDS);
  await uploads.create({ uploadId, ...request, createdAt: createdAt.toISOString(), expiresAt });
  return { uploadId, url, expiresAt };
};
