import { mkdtemp, rm } from 'node:fs/promises';
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
    expect(floors.get('one')).toEqual(expect.objectContaining({ clients: ['@aws-sdk/client-sqs'], label: 'sqs' }));
    expect(sdkClientsOf(floors.get('one')!.bundle, REPO_ROOT)).toEqual(['@aws-sdk/client-sqs']);
  }, 60_000);
});
