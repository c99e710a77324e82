import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** The file beside the openapi function's bundle that holds the API's document. */
const OPENAPI_DOCUMENT_FILE = 'openapi.json';

/** What a function's bundle is built with beyond `esbuildOptions`, for the stacks and the benchmark alike. */
export interface BundleExtras {
  /** Constants the bundle is built with (esbuild `define`); short, as they travel on esbuild's command line. */
  define: Record<string, string>;
  /** Files written beside the bundle: each name with what makes its text, called only when bundling. */
  files: Record<string, () => string>;
}

/**
 * The openapi function's document is generated when the function is bundled, from the same
 * `apiDocument()` its sources run, and shipped as a file beside the bundle; the constant names that
 * file and tells the handler to read it (esbuild then drops the generator from the bundle).
 */
export const bundleExtras = (functionName: string): BundleExtras =>
  functionName === openapi.name
    ? {
        define: { OPENAPI_DOCUMENT_FILE: JSON.stringify(OPENAPI_DOCUMENT_FILE) },
        files: { [OPENAPI_DOCUMENT_FILE]: () => JSON.stringify(apiDocument()) },
      }
    : { define: {}, files: {} };

/** Writes a bundle's extra files into its directory. */
export const writeBundleFiles = ({ files }: BundleExtras, directory: string): void => {
  for (const [name, make] of Object.entries(files)) writeFileSync(join(directory, name), make());
};
