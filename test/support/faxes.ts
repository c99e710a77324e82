// Fixtures of the fax slice: the
// environment its handlers are bound to, documents, signed gateway requests, queue messages
// and the table items behind receipts, recipients and inboxes.
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { FaxAcceptedV1 } from '../../events/fax-accepted';
import type { Account } from '../../shared/accounts/account';
import type { Fax } from '../../shared/faxes/fax';
import type { GatewayReceipt } from '../../shared/faxes/ports';
import { sign } from '../../shared/webhooks/standard-webhooks';
import { ACCOUNT_ID, TABLE_NAME, account, givenStoredAccount } from './accounts';
import { useOfflineAwsCredentials } from './aws';
import { httpEvent, type EventInit } from './http';

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

/**
 * Sets what the fax functions are bound to (table, bucket, queue, gateway secret) and offline
 * AWS credentials. Call before loading a handler: handlers build their stores when imported.
 */
export const useFaxEnvironment = (gatewaySecrets = GATEWAY_SECRET): void => {
  useOfflineAwsCredentials();
  Object.assign(process.env, {
    TABLE_NAME,
    FAX_BUCKET_NAME: FAX_BUCKET,
    FAX_QUEUE_URL,
    GATEWAY_WEBHOOK_SECRET: gatewaySecrets,
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

/** A fax as its table item: keys, GSI1 (expiry day) and TTL around the fax. */
export const faxItem = (fax: Fax) => ({
  ...faxKey(fax.faxId, fax.accountId),
  type: 'fax',
  ...fax,
  GSI1PK: `FAXEXPIRY#${fax.expiresAt.slice(0, 7)}`,
  GSI1SK: `${fax.expiresAt}#${fax.faxId}`,
  expiresAtEpoch: Math.floor(Date.parse(fax.expiresAt) / 1000),
});

export const deliveryKey = (webhookId = WEBHOOK_ID) => ({ PK: `DELIVERY#${webhookId}`, SK: 'RECEIPT' });
export const gatewayEventKey = (eventId = GATEWAY_EVENT_ID, to = FAX_NUMBER) => ({ PK: `GATEWAYEVENT#${to}#${eventId}`, SK: 'RECEIPT' });
const faxNumberClaimKey = (faxNumber = FAX_NUMBER) => ({ PK: `FAXNUMBER#${faxNumber}`, SK: 'CLAIM' });
export const blockedKey = (faxNumber = SENDER, accountId = ACCOUNT_ID) => ({ PK: `ACCOUNT#${accountId}`, SK: `BLOCKED#${faxNumber}` });

/** A stored gateway receipt; a fresh copy each call. */
export const receipt = (overrides: Partial<GatewayReceipt> = {}): GatewayReceipt => ({
  webhookId: WEBHOOK_ID,
  gatewayEventId: GATEWAY_EVENT_ID,
  faxId: OTHER_FAX_ID,
  enqueued: true,
  message: faxAccepted({ faxId: overrides.faxId ?? OTHER_FAX_ID }),
  ...overrides,
});

/** A receipt as its table item under one of its keys. */
export const receiptItem = (stored: GatewayReceipt, key = deliveryKey(stored.webhookId)) => ({
  ...key,
  type: 'gateway_receipt',
  ...stored,
  expiresAtEpoch: Math.floor(Date.parse(stored.message.acceptedAt) / 1000) + 7 * 24 * 3600,
});

/**
 * The table routes `faxNumber` to `owner` (its claim and its account item), or to nobody when
 * `owner` is undefined. Any other read answers nothing.
 */
export const givenRecipient = (ddb: DocumentClientMock, owner: Account | undefined, faxNumber = FAX_NUMBER) => {
  givenStoredAccount(ddb, owner);
  if (owner) ddb.on(GetCommand, { Key: faxNumberClaimKey(faxNumber) }).resolves({ Item: { ...faxNumberClaimKey(faxNumber), type: 'fax_number_claim', accountId: owner.accountId } });
};

/** The table holds `fax` in its account's inbox (read by its key); other reads answer what they did. */
export const givenStoredFax = (ddb: DocumentClientMock, fax: Fax) =>
  ddb.on(GetCommand, { Key: faxKey(fax.faxId, fax.accountId) }).resolves({ Item: faxItem(fax) });
