import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { esbuildOptions, writeBundleFiles, type BundleExtras } from '../../infra/bundling';

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
 * inside, separate source map) and the function's `bundleExtras` (constants, files beside it);
 * only the output place differs.
 */
export const bundleHandler = async (repoRoot: string, entry: string, outDir: string, extras: BundleExtras): Promise<Bundle> => {
  const bundle = await bundleAsDeployed(repoRoot, { entryPoints: [entry], define: extras.define }, outDir, entry);
  writeBundleFiles(extras, outDir);
  return bundle;
};

const bundleAsDeployed = async (repoRoot: string, input: BuildOptions, outDir: string, label: string): Promise<Bundle> => {
  const file = join(outDir, 'index.mjs');
  const result = await build({
    ...esbuildOptions,
    ...input,
    absWorkingDir: repoRoot,
    outfile: file,
    metafile: true,
    logLevel: 'warning',
  });
  if (result.errors.length > 0) throw new Error(`esbuild failed for ${label}`);
  const code = await readFile(file);
  const map = await readFile(`${file}.map`);
  return { file, bytes: code.length, gzipBytes: gzipSync(code).length, mapBytes: map.length, metafile: result.metafile };
};

/**
 * The AWS SDK client packages a function may bundle, each with what its floor does at module
 * scope: import the client and make one, as a handler's adapters do.
 */
const SDK_CLIENTS: Record<string, { imports: string; make: string }> = {
  '@aws-sdk/client-dynamodb': { imports: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", make: 'new DynamoDBClient({})' },
  '@aws-sdk/lib-dynamodb': {
    imports: "import { DynamoDBClient as DocumentBase } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    make: 'DynamoDBDocumentClient.from(new DocumentBase({}))',
  },
  '@aws-sdk/client-s3': { imports: "import { S3Client } from '@aws-sdk/client-s3';", make: 'new S3Client({})' },
  '@aws-sdk/s3-request-presigner': { imports: "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';", make: 'getSignedUrl' },
  '@aws-sdk/client-sqs': { imports: "import { SQSClient } from '@aws-sdk/client-sqs';", make: 'new SQSClient({})' },
  '@aws-sdk/client-secrets-manager': {
    imports: "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
    make: 'new SecretsManagerClient({})',
  },
  '@aws-sdk/client-sesv2': { imports: "import { SESv2Client } from '@aws-sdk/client-sesv2';", make: 'new SESv2Client({})' },
  '@aws-sdk/client-cognito-identity-provider': {
    imports: "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
    make: 'new CognitoIdentityProviderClient({})',
  },
};

/** The AWS SDK clients a bundle holds (from its metafile), in a stable order. */
export const sdkClientsOf = (bundle: Bundle, repoRoot: string): string[] => {
  const packages = new Set(Object.keys(outputOf(bundle.metafile, bundle.file, repoRoot).inputs).map(packageOf));
  const unknown = [...packages].filter((name) => name.startsWith('@aws-sdk/client-') && !(name in SDK_CLIENTS));
  if (unknown.length > 0) throw new Error(`the bench has no floor for ${unknown.join(', ')}: add it to SDK_CLIENTS`);
  return Object.keys(SDK_CLIENTS).filter((name) => packages.has(name));
};

/**
 * A function's floor: a handler that bundles only `clients` (the function's own, from
 * `sdkClientsOf`) and makes one of each at module scope, wrapped in middy, bundled as deployed.
 * The design card requires middy of every function (DESIGN.md), so it belongs to the floor: no
 * function that uses these clients can start faster.
 *
 * A function with no SDK client gets the house HTTP edge instead (`httpRoute` around a handler
 * that answers 200, middy and all): an empty bundle is no fair floor for a route that must log
 * structured JSON, count metrics and answer problem+json, and the edge is what every route pays for that.
 */
export const bundleFloor = (repoRoot: string, clients: string[], outDir: string): Promise<Bundle> => {
  const source =
    clients.length === 0
      ? HOUSE_EDGE_FLOOR
      : [
          "import middy from '@middy/core';",
          ...clients.map((name) => SDK_CLIENTS[name].imports),
          `const clients = [${clients.map((name) => SDK_CLIENTS[name].make).join(', ')}];`,
          'export const handler = middy(async () => ({ statusCode: 200, body: String(clients.length) }));',
        ].join('\n');
  return bundleAsDeployed(
    repoRoot,
    { stdin: { contents: source, resolveDir: repoRoot, sourcefile: 'floor.ts', loader: 'ts' } },
    outDir,
    `floor of ${clients.join(', ') || 'the house HTTP edge'}`,
  );
};

/** The floor of a function without SDK clients: the house HTTP edge around a handler that answers 200. */
const HOUSE_EDGE_FLOOR = [
  "import { httpRoute, ok } from './shared/http/route';",
  "export const handler = httpRoute({ trigger: { kind: 'http', method: 'GET', path: '/health', auth: 'public' } }, async () => ok({}));",
].join('\n');

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
