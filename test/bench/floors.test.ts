import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleFloor, sdkClientsOf } from './bundle';
import { bundleFloors } from './floors';

const REPO_ROOT = resolve(__dirname, '..', '..');

describe('the SDK floor of a function', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'bench-floors-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('bundles exactly the SDK clients the function bundles, once per distinct set', async () => {
    // Prepare: a bundle holding the SQS client, standing for two functions.
    const bundle = await bundleFloor(REPO_ROOT, ['@aws-sdk/client-sqs'], join(scratch, 'function'));

    // Act
    const floors = await bundleFloors(
      REPO_ROOT,
      [
        { name: 'one', bundle },
        { name: 'other', bundle },
      ],
      join(scratch, 'floors'),
    );

    // Assess
    expect(sdkClientsOf(bundle, REPO_ROOT)).toEqual(['@aws-sdk/client-sqs']);
    expect(floors.get('one')).toBe(floors.get('other'));
    expect(floors.get('one')).toEqual(expect.objectContaining({ clients: ['@aws-sdk/client-sqs'], label: 'sqs+middy' }));
    // The card requires middy of every function: it is part of every floor.
    expect(Object.keys(floors.get('one')!.bundle.metafile.inputs)).toContain('node_modules/@middy/core/index.js');
    expect(sdkClientsOf(floors.get('one')!.bundle, REPO_ROOT)).toEqual(['@aws-sdk/client-sqs']);
  }, 60_000);

  it('is the house HTTP edge for a function without SDK clients, not an empty bundle', async () => {
    // Prepare: a bundle holding no SDK client, as health's does.
    const bundle = await bundleFloor(REPO_ROOT, [], join(scratch, 'no-client'));

    // Act
    const floors = await bundleFloors(REPO_ROOT, [{ name: 'health', bundle }], join(scratch, 'edge-floors'));

    // Assess
    const floor = floors.get('health')!;
    expect(floor).toEqual(expect.objectContaining({ clients: [], label: 'house HTTP edge (middy), no SDK client' }));
    expect(Object.keys(floor.bundle.metafile.inputs)).toEqual(
      expect.arrayContaining(['shared/http/route.ts', 'shared/http/problem.ts', 'shared/logger.ts', 'node_modules/@middy/core/index.js']),
    );
    expect(sdkClientsOf(floor.bundle, REPO_ROOT)).toEqual([]);
  }, 60_000);

  it('ships a source map of mappings only, without the sources Node would parse at import', async () => {
    // Act
    const bundle = await bundleFloor(REPO_ROOT, [], join(scratch, 'map'));

    // Assess
    const map = JSON.parse(await readFile(`${bundle.file}.map`, 'utf8')) as { sources: string[]; mappings: string; sourcesContent?: unknown };
    expect(map.sources.filter((source) => source.endsWith('shared/http/route.ts'))).toHaveLength(1);
    expect(map.mappings).not.toBe('');
    expect(map.sourcesContent).toBeUndefined();
  }, 60_000);
});
