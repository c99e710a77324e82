import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { apiDocument } from '../../../functions/openapi/document';

// Every answer the e2e tests receive is checked against the OpenAPI document the API serves
// (`GET /openapi.json`, itself checked equal to this one): its status must be documented for the
// route, and its body must match the documented schema, problem+json included. The description
// cannot drift from the code without failing a test.

export const document = apiDocument();

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
// The document is the schema root, so `#/components/...` references resolve inside it.
ajv.addSchema(document, 'openapi');

interface Operation {
  path: string;
  method: string;
}

const pointerSegment = (text: string) => text.replace(/~/g, '~0').replace(/\//g, '~1');

const templates = Object.entries(document.paths).map(([path, operations]) => ({
  path,
  operations,
  pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
}));

const operationFor = (method: string, pathname: string): Operation | undefined => {
  const template = templates.find(({ pattern, operations }) => pattern.test(pathname) && method.toLowerCase() in operations);
  return template && { path: template.path, method: method.toLowerCase() };
};

const schemaErrors = (pointer: string, body: unknown): string[] => {
  const validate = ajv.getSchema(`openapi#${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer} of the OpenAPI document`);
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message}`);
};

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * What is wrong with `answer` to `method target` by the OpenAPI document. Local-only routes
 * (`/_local/…`, never deployed) and CORS preflights (answered before any route) are not the API's;
 * a request no route serves must get a problem, as the catch-all gives.
 */
export const contractViolations = (method: string, target: string, answer: Answer): string[] => {
  const { pathname } = new URL(target, 'http://localhost');
  if (pathname.startsWith('/_local/') || method === 'OPTIONS') return [];
  const mediaType = answer.contentType?.split(';')[0].trim() ?? '';
  const operation = operationFor(method, pathname);
  if (!operation) {
    if (answer.status >= 400 && mediaType === 'application/problem+json') return schemaErrors('/components/schemas/Problem', parsed(answer.text));
    return [`${method} ${pathname} is in no route of the document, yet answered ${answer.status} ${mediaType}`];
  }
  const route = `${method} ${operation.path}`;
  const responsePointer = `/paths/${pointerSegment(operation.path)}/${operation.method}/responses/${answer.status}`;
  const responses = (document.paths[operation.path] as Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>)[operation.method].responses;
  const response = responses[answer.status];
  if (!response) return [`${route} answered ${answer.status}, which the document does not list (${Object.keys(responses).join(', ')})`];
  if (!response.content) return answer.text === '' ? [] : [`${route} answered ${answer.status} with a body the document does not describe`];
  if (!(mediaType in response.content)) return [`${route} answered ${answer.status} as ${mediaType}, not ${Object.keys(response.content).join(' or ')}`];
  return schemaErrors(`${responsePointer}/content/${pointerSegment(mediaType)}/schema`, parsed(answer.text)).map((error) => `${route} ${answer.status}: ${error}`);
};
