import * as z from 'zod/mini';
import { schema } from '../../shared/schema';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'openapi',
  description: 'GET /openapi.json: the OpenAPI 3.1 document of every route, generated from the declarations',
  trigger: { kind: 'http', method: 'GET', path: '/openapi.json', auth: 'public' },
  access: {},
  memoryMb: 256,
  timeoutSeconds: 5,
});

/**
 * What the route answers, for the OpenAPI document (functions/catalog.ts): left out of the handler's
 * bundle. Its schema says little: the document is generated, not declared.
 */
export const responses = /* @__PURE__ */ schema(() => ({
  200: z.lazy(() =>
    z.looseObject({
      openapi: z.literal('3.1.0'),
      info: z.looseObject({ title: z.string(), version: z.string() }),
      paths: z.record(z.string(), z.unknown()),
    }),
  ),
}));
