import * as z from 'zod/mini';
import { defineFunction } from '../declaration';

// Declared here, not beside the generator (shared/http/openapi.ts): importing the generator's
// module for it put the generator's imports into this function's cold start.
/** What the document's own route answers (its schema: the document is generated, not declared). */
const openApiDocumentSchema = z.lazy(() =>
  z.looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  }),
);

export default defineFunction({
  name: 'openapi',
  description: 'GET /openapi.json: the OpenAPI 3.1 document of every route, generated from the declarations',
  trigger: { kind: 'http', method: 'GET', path: '/openapi.json', auth: 'public', responses: { 200: openApiDocumentSchema } },
  access: {},
  memoryMb: 256,
  timeoutSeconds: 5,
});
