// A namespace import: every bundle's banner declares `createRequire` already (infra/bundling.ts).
import * as nodeModule from 'node:module';
import { httpRoute, ok } from '../../shared/http/route';
import declaration from './function';

// Deployed, the document is generated when the function is bundled and shipped as a file beside
// the bundle (infra/bundling.ts, `bundleExtras`, which names it in this constant), read on the first
// request: building every route's schemas at each cold start tripled this function's, and even the
// ready document inlined as a string cost a third more (README, "Cold-start budget"). Run from its
// sources (the local runtime, the tests), it is generated on the first request.
declare const OPENAPI_DOCUMENT_FILE: string | undefined;

const onFirstRequest = (make: () => Promise<unknown>) => {
  let made: Promise<unknown> | undefined;
  return () => (made ??= make());
};

// esbuild settles the condition when the constant is defined and bundles nothing of the dead
// branch: neither the generator nor the schemas, nor the lazy module wrappers a dynamic import
// would put around every module of the bundle. The file is read by `require`, which parses JSON:
// importing `node:fs` as a module builds its ES module facade at load, about 3 ms of this
// function's 20 (every bundle imports `node:module` already, for its `require`).
const theDocument = onFirstRequest(
  typeof OPENAPI_DOCUMENT_FILE === 'string'
    ? async () => nodeModule.createRequire(import.meta.url)(`./${OPENAPI_DOCUMENT_FILE}`) as unknown
    : () => import('./document').then((module) => module.apiDocument()),
);

export const handler = httpRoute({ trigger: declaration.trigger }, async () => ok(await theDocument()));
