import { readFileSync } from 'node:fs';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

// Deployed, the document is generated when the function is bundled and shipped as a file beside
// the bundle (infra/bundling.ts, `bundleExtras`, which names it in this constant); the bundle holds
// neither the generator nor the schemas, and reads the file on the first request, not at import:
// building every route's schemas at each cold start tripled this function's, and even the ready
// document inlined as a string cost a third more (README, "Cold-start budget"). Run from its
// sources (the local runtime, the tests), it is generated on the first request.
declare const OPENAPI_DOCUMENT_FILE: string | undefined;

const readBesideTheBundle = (file: string) => {
  let document: unknown;
  return async () => (document ??= JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')));
};

const generatedOnFirstRequest = () => {
  let generated: Promise<unknown> | undefined;
  return () => (generated ??= import('./document').then((module) => module.apiDocument()));
};

// A condition esbuild settles when the constant is defined, dropping the other branch.
const theDocument = typeof OPENAPI_DOCUMENT_FILE === 'string' ? readBesideTheBundle(OPENAPI_DOCUMENT_FILE) : generatedOnFirstRequest();

export const handler = httpRoute({ trigger: declaration.trigger }, async () => ok(await theDocument()));
