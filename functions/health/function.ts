import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'health',
  description: 'GET /health: liveness of the API',
  trigger: { kind: 'http', method: 'GET', path: '/health', auth: 'public' },
  access: {},
  memoryMb: 128,
  timeoutSeconds: 3,
});
