import { uploadRequest, uploadTicket } from '../../shared/faxes/schemas';
import { schema } from '../../shared/schema';
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
  },
  access: { table: 'readWrite', tableKeys: ['UPLOAD'], faxBucket: { write: ['uploads'] }, webhookSecret: true },
  memoryMb: 256,
  timeoutSeconds: 10,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 201: uploadTicket }));
