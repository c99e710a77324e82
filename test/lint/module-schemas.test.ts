import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { esbuildOptions } from '../../infra/bundling';

const REPO_ROOT = resolve(__dirname, '..', '..');

/** Whether evaluating `node` calls something, not counting the bodies of the functions it defines. */
const callsAnything = (node: ts.Node): boolean => {
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return false;
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) return true;
  return ts.forEachChild(node, callsAnything) ?? false;
};

/** Whether `node` calls zod (`z.…(…)`), outside the functions it defines. */
const callsZod = (node: ts.Node): boolean => {
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return false;
  if (ts.isCallExpression(node)) {
    let callee: ts.Expression = node.expression;
    while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee)) callee = ts.isCallExpression(callee) ? callee.expression : callee.expression;
    if (ts.isIdentifier(callee) && callee.text === 'z') return true;
  }
  return ts.forEachChild(node, callsZod) ?? false;
};

/** A call of shared/schema.ts's `schema(…)`. */
const isSchemaCall = (node: ts.Expression): boolean => ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'schema';

/**
 * The module-level constants of a module that zod builds at load without a pure annotation, so
 * esbuild keeps them in every bundle that imports the module (shared/schema.ts says why). Pure is
 * `/* @__PURE__ *\/ call(…)` whose arguments call nothing themselves: dropping the call drops it all.
 */
const unannotatedSchemas = (fileName: string, source: string): string[] => {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  return file.statements.filter(ts.isVariableStatement).flatMap((statement) =>
    statement.declarationList.declarations
      .filter(({ initializer }) => initializer !== undefined && (callsZod(initializer) || isSchemaCall(initializer)))
      .filter(({ initializer }) => {
        const call = initializer!;
        const annotated = source.slice(call.getFullStart(), call.getStart()).includes('@__PURE__');
        return !(ts.isCallExpression(call) && annotated && !call.arguments.some(callsAnything));
      })
      .map(({ name }) => name.getText()),
  );
};

const modulesUnder = (directory: string): string[] =>
  readdirSync(join(REPO_ROOT, directory), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(directory, name));

describe('module-level schemas', () => {
  it('are flagged unless built by one pure-annotated call', () => {
    // Prepare
    const source = [
      "import * as z from 'zod/mini';",
      'export const chained = z.string().check(z.minLength(1));',
      'export const shape = { name: z.string() };',
      'export const lazyUnannotated = z.lazy(() => z.string());',
      'export const annotatedOverACall = /* @__PURE__ */ schema(z.string());',
      'export const wrappedUnannotated = schema(() => z.string());',
      'export const wrapped = /* @__PURE__ */ schema(() => z.string().check(z.minLength(1)));',
      'export const lazy = /* @__PURE__ */ z.lazy(() => z.strictObject({ id: z.string() }));',
      'export const factory = (max: number) => z.string().check(z.maxLength(max));',
      'export const notZod = new Set([1]);',
    ].join('\n');

    // Act
    const flagged = unannotatedSchemas('probe.ts', source);

    // Assert
    expect(flagged).toEqual(['chained', 'shape', 'lazyUnannotated', 'annotatedOverACall', 'wrappedUnannotated']);
  });

  it('are all pure-annotated in shared code, event contracts and route declarations', () => {
    // Act: a declaration module's default export (the declaration the handler reads) is no constant.
    const declarations = modulesUnder('functions').filter((path) => path.endsWith('/function.ts'));
    const flagged = [...modulesUnder('shared'), ...modulesUnder('events'), ...declarations].flatMap((path) =>
      unannotatedSchemas(path, readFileSync(join(REPO_ROOT, path), 'utf8')).map((name) => `${path}: ${name}`),
    );

    // Assert
    expect(flagged).toEqual([]);
  });

  it('are left out of a bundle whose function never reads them', async () => {
    // Prepare: create-rights-request emails (but never reads the email.requested schema that
    // send-email checks), and takes its schemas from a module that also holds the rights routes' path.
    const entry = join(REPO_ROOT, 'functions', 'create-rights-request', 'handler.ts');

    // Act
    const result = await build({ ...esbuildOptions, entryPoints: [entry], outfile: join(REPO_ROOT, 'probe', 'index.mjs'), absWorkingDir: REPO_ROOT, sourcemap: false, write: false, metafile: true });
    const bundle = result.outputFiles[0].text;

    // Assert: the modules are in, the schemas this function does not read are not.
    expect(Object.keys(result.metafile.inputs)).toEqual(expect.arrayContaining(['events/email-requested.ts', 'shared/rights/schemas.ts']));
    const holds = (text: string) => bundle.includes(text);
    expect({ form: holds('A rectification request needs corrections'), emailEvent: holds('junk-fax-case-escalated'), path: holds('Must be a rights request id.') }).toEqual({
      form: true,
      emailEvent: false,
      path: false,
    });
  });

  it('leave zod schemas out of a route that parses no input: its declared responses are for the OpenAPI document only', async () => {
    // Act
    const result = await build({
      ...esbuildOptions,
      entryPoints: [join(REPO_ROOT, 'functions', 'health', 'handler.ts')],
      outfile: join(REPO_ROOT, 'probe', 'index.mjs'),
      absWorkingDir: REPO_ROOT,
      sourcemap: false,
      write: false,
      metafile: true,
    });

    // Assert: what the bundle holds (the metafile lists every module it resolved, emptied or not).
    const [output] = Object.values(result.metafile.outputs);
    const bundled = Object.entries(output.inputs).flatMap(([path, { bytesInOutput }]) => (bytesInOutput > 0 ? [path] : []));
    expect(bundled).toContain('functions/health/function.ts');
    // zod's messages are configured by the edge (shared/http/json-body.ts); its schema types are not bundled.
    expect(bundled.filter((path) => /node_modules\/zod\/.*schemas\.js$/.test(path))).toEqual([]);
  });
});
