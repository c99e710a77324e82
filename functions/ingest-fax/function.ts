import { faxReceipt, inboundFax } from '../../shared/faxes/schemas';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'ingest-fax',
  description: "POST /gateway/faxes: a gateway's inbound fax, stored and queued for the inbox",
  // 4 MiB of document is 5.6 MB of base64; Lambda takes at most 6 MB per request.
  trigger: {
    kind: 'http',
    method: 'POST',
    path: '/gateway/faxes',
    auth: 'gateway',
    bodyLimitBytes: 5_750_000,
    body: inboundFax,
    problems: [409, 422],
  },
  // The number's item and its account's status route the fax; the receipts under the delivery's
  // webhook id (DELIVERY) and the gateway's event id (GATEWAYEVENT); the upload it claims (UPLOAD).
  access: {
    table: 'readWrite',
    tableKeys: ['DELIVERY', 'GATEWAYEVENT', 'UPLOAD', 'NUMBER', 'ACCOUNT'],
    faxBucket: { read: ['uploads'], write: ['faxes'], delete: ['faxes'] },
    sendTo: ['faxAccepted'],
    webhookSecret: true,
    hashKey: true,
  },
  memoryMb: 1024,
  timeoutSeconds: 15,
  // Sized for 1,000 faxes a second at up to 0.5 s each (README, "Sizing"): always free for faxes
  // whatever the customers do, and a delivery storm cannot take the account's pool from the
  // customer routes. Memory stays at 1 GB: the work waits on S3 and DynamoDB; hashing and decoding
  // a 4 MiB document take milliseconds.
  reservedConcurrency: 500,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 202: faxReceipt }));
