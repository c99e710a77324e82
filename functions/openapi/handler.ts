import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

// Deployed, the document is generated when the function is bundled (infra/bundling.ts,
// `bundledConstants`) and served as it stands, and the bundle holds neither the generator nor the
// schemas: building every route's schemas at each cold start tripled this function's (README,
// "Cold-start budget"). Run from its sources (the local runtime, the tests), it is generated on
// the first request.
declare const BUNDLED_OPENAPI_DOCUMENT: string | undefined;

const bundledDocument = (json: string) => {
  const document: unknown = JSON.parse(json);
  return async () => document;
};

const generatedOnFirstRequest = () => {
  let generated: Promise<unknown> | undefined;
  return () => (generated ??= import('./document').then((module) => module.apiDocument()));
};

// A condition esbuild settles when the constant is defined, dropping the other branch.
const theDocument = typeof BUNDLED_OPENAPI_DOCUMENT === 'string' ? bundledDocument(BUNDLED_OPENAPI_DOCUMENT) : generatedOnFirstRequest();

export const handler = httpRoute({ trigger: declaration.trigger }, async () => ok(await theDocument()));
