import { randomUUID } from 'node:crypto';
import { sign } from '../../../shared/webhooks/standard-webhooks';
import { call, type ApiResponse } from './client';

/** The local runtime's default gateway secret (API.md). */
export const GATEWAY_SECRET = 'whsec_bG9jYWwtZGV2LWdhdGV3YXktc2VjcmV0LTAwMDE=';

/** A minimal PDF and a minimal TIFF header: enough for the magic-byte check. */
export const pdfBytes = (size = 64) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(Math.max(0, size - 9), 0x20)]);
export const tiffBytes = (size = 64) => Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.alloc(Math.max(0, size - 4), 0)]);

export interface SignedOptions {
  webhookId?: string;
  timestamp?: number;
  secret?: string;
  /** Replace the signature header entirely. */
  signature?: string;
}

/** Posts a body (a string is sent as is) to a gateway route with Standard Webhooks headers, as a fax gateway would. */
export const gatewayCall = async (path: string, payload: unknown, options: SignedOptions = {}): Promise<ApiResponse & { webhookId: string }> => {
  const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signature = options.signature ?? sign(options.secret ?? GATEWAY_SECRET, webhookId, timestamp, Buffer.from(raw));
  const response = await call('POST', path, {
    raw,
    headers: { 'webhook-id': webhookId, 'webhook-timestamp': timestamp, 'webhook-signature': signature },
  });
  return { ...response, webhookId };
};

/** An inbound-fax event to `to`, with an inline PDF unless a document is given. */
export const faxEvent = (to: string, overrides: Record<string, unknown> = {}) => ({
  eventId: `gw-evt-${randomUUID()}`,
  from: '+15559870000',
  to,
  remoteStationId: 'ACME FAX',
  receivedAt: new Date().toISOString(),
  pages: 2,
  document: { contentType: 'application/pdf', contentBase64: pdfBytes().toString('base64') },
  ...overrides,
});
