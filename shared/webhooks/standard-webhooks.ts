import { createHmac, timingSafeEqual } from 'node:crypto';
import { Unauthenticated } from '../errors';

// Standard Webhooks v1: HMAC-SHA256 over `${id}.${timestamp}.${raw body}`, base64, as `v1,<sig>`;
// the header may carry several space-separated signatures so secrets can rotate.
export const TOLERANCE_SECONDS = 300;
const SECRET_PREFIX = 'whsec_';

/** The key bytes of a `whsec_…` secret. */
const secretKey = (secret: string): Buffer => Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');

/** The `v1,…` signature of a delivery under one secret. */
export const sign = (secret: string, id: string, timestamp: string, body: Buffer): string =>
  'v1,' + createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.`).update(body).digest('base64');

export interface Delivery {
  id?: string;
  timestamp?: string;
  signature?: string;
  body: Buffer;
}

/**
 * Accepts a delivery whose timestamp is within tolerance of `nowSeconds` and that carries at
 * least one valid signature under any of `secrets`; anything else is a 401. Comparison is
 * constant-time.
 */
export const verifyDelivery = (delivery: Delivery, secrets: string[], nowSeconds: number): void => {
  const { id, timestamp, signature, body } = delivery;
  if (!id || !timestamp || !signature) throw new Unauthenticated('Missing webhook signature headers.');
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) {
    throw new Unauthenticated('The webhook timestamp is too far from now.');
  }
  const expected = secrets.map((secret) => Buffer.from(sign(secret, id, timestamp, body)));
  const valid = signature
    .split(' ')
    .map((candidate) => Buffer.from(candidate))
    .some((candidate) => expected.some((wanted) => wanted.length === candidate.length && timingSafeEqual(wanted, candidate)));
  if (!valid) throw new Unauthenticated('No valid webhook signature.');
};
