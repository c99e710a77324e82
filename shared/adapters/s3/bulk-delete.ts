import { DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';

/** S3's limit of keys to one DeleteObjects call. */
const DELETE_OBJECTS_LIMIT = 1000;

/** Deletes the objects, up to 1000 (S3's limit) to a DeleteObjects call; deleting one already gone succeeds. */
export const deleteObjects = async (client: S3Client, bucket: string, keys: readonly string[]): Promise<void> => {
  for (let start = 0; start < keys.length; start += DELETE_OBJECTS_LIMIT) {
    const { Errors = [] } = await client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.slice(start, start + DELETE_OBJECTS_LIMIT).map((Key) => ({ Key })), Quiet: true } }),
    );
    // A bulk delete answers 200 with per-key errors: those must fail the caller, never count as deleted.
    if (Errors.length > 0) throw new Error(`${Errors.length} objects could not be deleted (${Errors[0].Code})`);
  }
};
