import { now } from '../clock';
import { verifyDelivery } from '../webhooks/standard-webhooks';
import { rawBody } from './json-body';
import type { HttpEvent } from './types';

/** Verifies a gateway request's Standard Webhooks signature over its raw body, on the backend's clock. */
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
  };
