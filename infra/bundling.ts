import type { BuildOptions } from 'esbuild';
import { apiDocument } from '../functions/openapi/document';
import openapi from '../functions/openapi/function';

/**
 * How every function is bundled, as esbuild options: the stacks (through NodejsFunction) and the
 * benchmark (calling esbuild directly, with an `.mjs` outfile) build the same artefact from this.
 * Kept free of CDK imports so the benchmark loads only esbuild.
 */
export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  sourcemap: true,
  // Stack traces need only the mappings: Node parses the whole map at import, and the sources
  // inside it (our commented TypeScript above all) would make it three times larger.
  sourcesContent: false,
  // Prefer the ESM builds of dependencies (the AWS SDK ships both) so they tree-shake.
  mainFields: ['module', 'main'],
  // The AWS SDK is bundled: a pinned, tree-shaken copy instead of the runtime's.
  external: [],
  // ESM output has no `require`; bundled CommonJS dependencies still call it.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
} satisfies BuildOptions;

/**
 * The constants (esbuild `define`) a function's bundle is built with, for the stacks and the
 * benchmark alike. The openapi function's document is generated here, when it is bundled: the
 * bundle serves it as it stands instead of building every route's schemas at each cold start.
 */
export const bundledConstants = (functionName: string): Record<string, string> =>
  functionName === openapi.name ? { BUNDLED_OPENAPI_DOCUMENT: JSON.stringify(JSON.stringify(apiDocument())) } : {};
