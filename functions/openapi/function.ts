import { openApiDocumentSchema } from '../../shared/http/openapi';
import { defineFunction } from '../declaration';

export default defineFunction({
  name: 'openapi',
  description: 'GET /openapi.json: the OpenAPI 3.1 document of every route, generated from the declarations',
  trigger: { kind: 'http', method: 'GET', path: '/openapi.json', auth: 'public', responses: { 200: openApiDocumentSchema } },
  access: {},
  memoryMb: 256,
  timeoutSeconds: 5,
});
