// Fixtures of the fax slice: the
// environment its handlers are bound to, documents, signed gateway requests, queue messages
// and the table items behind receipts, recipients and inboxes.
import { createHmac } from 'node:crypto';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { FaxAcceptedV1 } from '../../events/fax-accepted';
import { expiryPartitionOf } from '../../shared/adapters/dynamo/fax-stores';
import type { Account } from '../../shared/accounts/account';
import type { Fax } from '../../shared/faxes/fax';
import type { GatewayReceipt, NewReceipt } from '../../shared/faxes/ports';
import { sign } from '../../shared/webhooks/standard-webhooks';
import { ACCOUNTS_QUEUE_URL, ACCOUNT_ID, TABLE_NAME, account, givenStoredAccount } from './accounts';
import { useOfflineAwsCredentials } from './aws';
import { httpEvent, type EventInit } from './http';
import { useMetricsNamespace } from './metrics';
import { numberItem, numberKey } from './numbers';

type DocumentClientMock = AwsClientStub<DynamoDBDocumentClient>;

export const FAX_BUCKET = 'fax-backend-unit-faxes';
export const FAX_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/fax-backend-unit-fax-accepted';
/** The local default gateway secret of API.md. */
export const GATEWAY_SECRET = 'whsec_bG9jYWwtZGV2LWdhdGV3YXktc2VjcmV0LTAwMDE=';
/** A second secret, as held while the first is rotated out. */
export const NEXT_GATEWAY_SECRET = 'whsec_' + Buffer.from('unit-next-gateway-secret-0002').toString('base64');

/** The account's fax number (the recipient) and a sender's. */
export const FAX_NUMBER = account().faxNumber;
export const SENDER = '+15559870000';
/** Another customer's account, for tenant-isolation checks. */
export const OTHER_ACCOUNT_ID = 'acc_01KB00000000000000000OTHER';
export const FAX_ID = 'fax_01KB0000000000000000000001';
export const OTHER_FAX_ID = 'fax_01KB0000000000000000000002';
export const UPLOAD_ID = 'upl_01KB0000000000000000000003';
export const WEBHOOK_ID = 'msg_2n4Kx8QeVtZ1wY7cR3pLmA9sDf';
export const GATEWAY_EVENT_ID = 'gw-evt-123';
/** The id of the ingest request that accepted the receipts' fax. */
export const REQUEST_ID = 'req-ingest-0001';
/** The pseudonymisation key the fax functions are bound to. */
export const HASH_KEY = 'unit-pseudonymisation-key';

/**
 * A receipt's fingerprint as DATA-MODEL.md documents it: HMAC-SHA256 under the key of the
 * account, event id, sender and instant received.
 */
export const fingerprintUnder = (key: string, accountId: string, event: { eventId: string; from: string; receivedAt: string }) =>
  createHmac('sha256', key)
    .update(JSON.stringify(['fax-fingerprint-v1', accountId, event.eventId, event.from, Date.parse(event.receivedAt)]))
    .digest('base64url');

/**
 * Sets what the fax functions are bound to (table, bucket, queue, gateway secret, pseudonymisation key) and offline
 * AWS credentials. Call before loading a handler: handlers build their stores when imported.
 */
export const useFaxEnvironment = (gatewaySecrets = GATEWAY_SECRET): void => {
  useOfflineAwsCredentials();
  useMetricsNamespace();
  Object.assign(process.env, {
    TABLE_NAME,
    FAX_BUCKET_NAME: FAX_BUCKET,
    FAX_QUEUE_URL,
    ACCOUNTS_QUEUE_URL,
    GATEWAY_WEBHOOK_SECRET: gatewaySecrets,
    HASH_KEY,
  });
};

/** A PDF of exactly `size` bytes (header, then filler). */
export const pdfBytes = (size = 64): Buffer => {
  const bytes = Buffer.alloc(size, 0x20);
  Buffer.from('%PDF-1.7\n').copy(bytes);
  return bytes;
};

/** A TIFF of `size` bytes in either byte order: little-endian `II*\0` or big-endian `MM\0*`. */
export const tiffBytes = (byteOrder: 'II' | 'MM', size = 64): Buffer => {
  const bytes = Buffer.alloc(size, 0);
  Buffer.from(byteOrder === 'II' ? [0x49, 0x49, 0x2a, 0x00] : [0x4d, 0x4d, 0x00, 0x2a]).copy(bytes);
  return bytes;
};

/** The API's example gateway fax event with an inline PDF; a fresh copy each call. */
export const inboundFaxBody = (overrides: Record<string, unknown> = {}) => ({
  eventId: GATEWAY_EVENT_ID,
  from: SENDER,
  to: FAX_NUMBER,
  remoteStationId: 'ACME FAX',
  receivedAt: '2026-11-28T10:00:00Z',
  pages: 2,
  document: { contentType: 'application/pdf', contentBase64: pdfBytes().toString('base64') },
  ...overrides,
});

export interface Signing {
  /** Secret to sign with (default GATEWAY_SECRET). */
  secret?: string;
  id?: string;
  /** Unix seconds as sent; default: the (pinned) clock's now. */
  timestamp?: string;
  /** Sent instead of the computed signature. */
  signature?: string;
  /** Headers left out of the request. */
  omit?: ('webhook-id' | 'webhook-timestamp' | 'webhook-signature')[];
}

const nowSeconds = (): string => String(Math.floor(Date.now() / 1000));

/** A gateway POST whose Standard Webhooks headers sign its exact body. */
export const signedGatewayEvent = (path: string, body: unknown, signing: Signing = {}, init: EventInit = {}) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const id = signing.id ?? WEBHOOK_ID;
  const timestamp = signing.timestamp ?? nowSeconds();
  const headers: Record<string, string | undefined> = {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signing.signature ?? sign(signing.secret ?? GATEWAY_SECRET, id, timestamp, Buffer.from(text)),
  };
  for (const name of signing.omit ?? []) headers[name] = undefined;
  return httpEvent({ method: 'POST', path, body: text, ...init, headers: { ...headers, ...init.headers } });
};

/** A `fax.accepted` v1 message, as ingest sends it; a fresh copy each call. */
export const faxAccepted = (overrides: Partial<FaxAcceptedV1> = {}): FaxAcceptedV1 => {
  const faxId = overrides.faxId ?? FAX_ID;
  return {
    type: 'fax.accepted',
    version: 1,
    faxId,
    accountId: ACCOUNT_ID,
    from: SENDER,
    to: FAX_NUMBER,
    remoteStationId: 'ACME FAX',
    pages: 2,
    contentType: 'application/pdf',
    sizeBytes: 64,
    receivedAt: '2026-11-28T10:00:00Z',
    acceptedAt: '2026-11-28T10:00:01.000Z',
    documentKey: `faxes/${faxId}`,
    ...overrides,
  };
};

/** A fax in the inbox (domain view), as delivering `faxAccepted()` stores it; a fresh copy each call. */
export const storedFax = (overrides: Partial<Fax> = {}): Fax => {
  const { type: _type, version: _version, ...fields } = faxAccepted({ faxId: overrides.faxId ?? FAX_ID });
  return { ...fields, expiresAt: '2027-01-27T10:00:01.000Z', ...overrides };
};

export const faxKey = (faxId = FAX_ID, accountId = ACCOUNT_ID) => ({ PK: `ACCOUNT#${accountId}`, SK: `FAX#${faxId}` });
/** Where a deleted or refused fax's marker sits: beside the faxes, outside the `FAX#` range. */
export const goneKey = (faxId = FAX_ID, accountId = ACCOUNT_ID) => ({ PK: `ACCOUNT#${accountId}`, SK: `FAXGONE#${faxId}` });

/** A fax as its table item: keys, GSI1 (expiry month and shard) and TTL around the fax. */
export const faxItem = (fax: Fax) => ({
  ...faxKey(fax.faxId, fax.accountId),
  type: 'fax',
  ...fax,
  GSI1PK: expiryPartitionOf(fax),
  GSI1SK: `${fax.expiresAt}#${fax.faxId}`,
  expiresAtEpoch: Math.floor(Date.parse(fax.expiresAt) / 1000),
});

/** The marker a deleted or refused fax leaves until it would have expired: nothing personal. */
export const goneItem = (fax: Pick<Fax, 'faxId' | 'accountId' | 'expiresAt'>) => ({
  ...goneKey(fax.faxId, fax.accountId),
  type: 'fax_gone',
  expiresAtEpoch: Date.parse(fax.expiresAt) / 1000,
});

export const deliveryKey = (webhookId = WEBHOOK_ID) => ({ PK: `DELIVERY#${webhookId}`, SK: 'RECEIPT' });
export const gatewayEventKey = (eventId = GATEWAY_EVENT_ID, accountId = ACCOUNT_ID) => ({ PK: `GATEWAYEVENT#${accountId}#${eventId}`, SK: 'RECEIPT' });
export const uploadKey = (uploadId = UPLOAD_ID) => ({ PK: `UPLOAD#${uploadId}`, SK: 'UPLOAD' });
export const blockedKey = (faxNumber = SENDER, accountId = ACCOUNT_ID) => ({ PK: `ACCOUNT#${accountId}`, SK: `BLOCKED#${faxNumber}` });

/** The receipt of `inboundFaxBody()`'s fax, already queued (ids only); a fresh copy each call. */
export const receipt = (overrides: Partial<GatewayReceipt> = {}): GatewayReceipt => ({
  webhookId: WEBHOOK_ID,
  gatewayEventId: GATEWAY_EVENT_ID,
  accountId: ACCOUNT_ID,
  faxId: OTHER_FAX_ID,
  fingerprint: fingerprintUnder(HASH_KEY, ACCOUNT_ID, inboundFaxBody()),
  requestId: REQUEST_ID,
  ...overrides,
});

/** The same receipt while its message waits for the queue. */
export const pendingReceipt = (overrides: Partial<GatewayReceipt> = {}): NewReceipt => {
  const faxId = overrides.faxId ?? OTHER_FAX_ID;
  return { ...receipt(overrides), pendingMessage: faxAccepted({ faxId }), ...overrides } as NewReceipt;
};

const RECEIPT_EXPIRY = Math.floor(Date.parse('2026-11-28T10:00:01.000Z') / 1000) + 7 * 24 * 3600;

/** A receipt's item under its delivery key, with its message while pending (index keys left out: reads ignore them). */
export const deliveryItem = (stored: GatewayReceipt) => ({
  ...deliveryKey(stored.webhookId),
  type: 'gateway_receipt',
  ...stored,
  expiresAtEpoch: RECEIPT_EXPIRY,
});

/** A receipt's item under its gateway event key: ids only. */
export const eventItem = ({ pendingMessage: _message, ...ids }: GatewayReceipt) => ({
  ...gatewayEventKey(ids.gatewayEventId, ids.accountId),
  type: 'gateway_receipt',
  ...ids,
  expiresAtEpoch: RECEIPT_EXPIRY,
});

/**
 * The table routes `faxNumber` to `owner` (its number item, assigned, and its account item), or
 * to nobody when `owner` is undefined. Any other read answers nothing.
 */
export const givenRecipient = (ddb: DocumentClientMock, owner: Account | undefined, faxNumber = FAX_NUMBER) => {
  givenStoredAccount(ddb, owner);
  if (owner) ddb.on(GetCommand, { Key: numberKey(faxNumber) }).resolves({ Item: numberItem(faxNumber, 'assigned', { accountId: owner.accountId }) });
};

/** The table holds `fax` in its account's inbox (read by its key); other reads answer what they did. */
export const givenStoredFax = (ddb: DocumentClientMock, fax: Fax) =>
  ddb.on(GetCommand, { Key: faxKey(fax.faxId, fax.accountId) }).resolves({ Item: faxItem(fax) });

/** Fax ids no fax can have: each must be a 404 that reads no fax. */
export const MALFORMED_FAX_IDS: [string, string][] = [
  ['of 1,000 characters', `fax_${'0'.repeat(996)}`],
  ['of another kind', UPLOAD_ID],
  ['in lower case', FAX_ID.toLowerCase()],
  ['with a path in it', `../${FAX_ID}`],
  ['with a NUL', `${FAX_ID.slice(0, -1)}\u0000`],
];
