import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../../infra/bundling';

export interface Bundle {
  /** The `.mjs` file Lambda would import. */
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The separate source map beside it (shipped in the asset, not imported). */
  mapBytes: number;
  metafile: Metafile;
}

/**
 * Bundles one handler exactly as it is deployed: the house `esbuildOptions` (ESM, minified, SDK
 * inside, separate source map), only the entry and the output place differ.
 */
export const bundleHandler = async (repoRoot: string, entry: string, outDir: string): Promise<Bundle> => {
  const file = join(outDir, 'index.mjs');
  const result = await build({
    ...esbuildOptions,
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile: file,
    metafile: true,
    logLevel: 'warning',
  });
  if (result.errors.length > 0) throw new Error(`esbuild failed for ${entry}`);
  const code = await readFile(file);
  const map = await readFile(`${file}.map`);
  return { file, bytes: code.length, gzipBytes: gzipSync(code).length, mapBytes: map.length, metafile: result.metafile };
};

/** A small esbuild build of a bench-side script (the child harness) for the local Node. */
export const bundleScript = async (repoRoot: string, entry: string, outfile: string): Promise<void> => {
  await build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'warning',
  });
};

export interface Contribution {
  name: string;
  bytes: number;
}

const byBytes = (a: Contribution, b: Contribution) => b.bytes - a.bytes;

/** What each input file contributes to the output, largest first. */
export const topInputs = (metafile: Metafile, outfile: string, repoRoot: string, count: number): Contribution[] => {
  const output = outputOf(metafile, outfile, repoRoot);
  return Object.entries(output.inputs)
    .map(([name, input]) => ({ name, bytes: input.bytesInOutput }))
    .sort(byBytes)
    .slice(0, count);
};

// `node_modules/@aws-sdk/client-dynamodb/dist-es/…` → `@aws-sdk/client-dynamodb`; own code → `(project)`.
const packageOf = (path: string): string => {
  const parts = path.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at === -1) return '(project)';
  const name = parts[at + 1] ?? '';
  return name.startsWith('@') ? `${name}/${parts[at + 2]}` : name;
};

/** What each package contributes to the output, largest first. */
export const topPackages = (metafile: Metafile, outfile: string, repoRoot: string, count: number): Contribution[] => {
  const totals = new Map<string, number>();
  for (const [name, input] of Object.entries(outputOf(metafile, outfile, repoRoot).inputs)) {
    const pkg = packageOf(name);
    totals.set(pkg, (totals.get(pkg) ?? 0) + input.bytesInOutput);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort(byBytes).slice(0, count);
};

const outputOf = (metafile: Metafile, outfile: string, repoRoot: string) => {
  const output = metafile.outputs[relative(repoRoot, outfile)];
  if (!output) throw new Error(`metafile has no output ${outfile}`);
  return output;
};
