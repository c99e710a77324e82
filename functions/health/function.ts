import * as z from 'zod/mini';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'health',
  description: 'GET /health: liveness of the API',
  trigger: { kind: 'http', method: 'GET', path: '/health', auth: 'public' },
  access: {},
  memoryMb: 128,
  timeoutSeconds: 3,
});

/** What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's bundle. */
export const responses = /* @__PURE__ */ schema(() => ({ 200: z.lazy(() => z.strictObject({ status: z.literal('ok') })) }));
