import { uploadRequest, uploadTicket } from '../../shared/faxes/schemas';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'create-upload',
  description: 'POST /gateway/uploads: a presigned PUT for a document too large to post inline',
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/gateway/uploads',
    auth: 'gateway',
    bodyLimitBytes: 1024,
    body: uploadRequest,
    responses: { 201: uploadTicket },
  },
  access: { table: 'readWrite', faxBucket: { write: ['uploads'] }, webhookSecret: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});
