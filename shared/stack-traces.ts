// A namespace import: every bundle's banner declares `createRequire` already (infra/bundling.ts).
import * as nodeModule from 'node:module';

// Deployed, a function is one minified bundle with its source map beside it (`index.mjs.map`).
// Node can map stack traces itself (`--enable-source-maps`), but then it reads and indexes the map
// of every module as it loads: 4 to 54 ms of a cold start, most of it for errors that never
// happen (README, "Cold-start budget"). This maps the stack of an error when one is logged instead,
// reading a bundle's map on the first error that passes through it. Run from the sources (the
// local runtime, the tests), frames of our code name the .ts files already.

/** A frame's location in a bundle: `file:///var/task/index.mjs:1:23456`. */
const BUNDLE_LOCATION = /(file:\/\/\/[^\s()]+?\.m?js):(\d+):(\d+)/g;

const sourceMaps = new Map<string, nodeModule.SourceMap | undefined>();

const sourceMapOf = (bundleUrl: string): nodeModule.SourceMap | undefined => {
  if (!sourceMaps.has(bundleUrl)) {
    let map: nodeModule.SourceMap | undefined;
    try {
      // Node's `fs` through `require`, on the first error: importing it as an ES module builds its
      // facade at load, which a function that never logs an error should not pay. Builtins resolve
      // alike from any directory.
      const { readFileSync } = nodeModule.createRequire(`${process.cwd()}/`)('node:fs') as typeof import('node:fs');
      map = new nodeModule.SourceMap(JSON.parse(readFileSync(new URL(`${bundleUrl}.map`), 'utf8')) as ConstructorParameters<typeof nodeModule.SourceMap>[0]);
    } catch {
      // No map beside it (or not one Node reads): the frame stays as it is.
      map = undefined;
    }
    sourceMaps.set(bundleUrl, map);
  }
  return sourceMaps.get(bundleUrl);
};

/** A source's path from the repository (or its package) on: the map names it from wherever the bundle was built. */
const readablePath = (source: string): string => {
  const inPackage = source.lastIndexOf('node_modules/');
  if (inPackage !== -1) return source.slice(inPackage);
  return /(?:^|\/)((?:shared|functions|events)\/.*)$/.exec(source)?.[1] ?? source;
};

/** `stack` with each bundle location that its source map knows replaced by the source's file, line and column. */
export const originalStack = (stack: string): string =>
  stack.replace(BUNDLE_LOCATION, (location, bundleUrl: string, line: string, column: string) => {
    const entry = sourceMapOf(bundleUrl)?.findEntry(Number(line) - 1, Number(column) - 1);
    return entry && 'originalSource' in entry ? `${readablePath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}` : location;
  });
