import { now } from '../clock';
import { foreignId } from '../text-fields';
import { verifyDelivery } from '../webhooks/standard-webhooks';
import { rawBody, validate } from './json-body';
import type { HttpEvent } from './types';

/**
 * Verifies a gateway request's Standard Webhooks signature over its raw body, on the backend's
 * clock; then, as the signed `webhook-id` becomes a key, checks its shape (a 400, once the caller
 * is known to be a gateway).
 */
export const gatewaySignature =
  (secrets: () => Promise<string[]>) =>
  async (event: HttpEvent): Promise<void> => {
    verifyDelivery(
      {
        id: event.headers['webhook-id'],
        timestamp: event.headers['webhook-timestamp'],
        signature: event.headers['webhook-signature'],
        body: rawBody(event),
      },
      await secrets(),
      Math.floor(now().getTime() / 1000),
    );
    validate(foreignId, event.headers['webhook-id'], 'webhook-id');
  };
