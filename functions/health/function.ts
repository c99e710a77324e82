import * as z from 'zod/mini';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'health',
  description: 'GET /health: liveness of the API',
  trigger: { kind: 'http', method: 'GET', path: '/health', auth: 'public', responses: { 200: z.lazy(() => z.strictObject({ status: z.literal('ok') })) } },
  access: {},
  memoryMb: 128,
  timeoutSeconds: 3,
});
