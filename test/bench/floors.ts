// The floor of each function's cold start: a bundle of only the AWS SDK clients the function
// bundles, making one of each at module scope, and middy, or the house HTTP edge for a function with none
// (bundle.ts `bundleFloor`). Functions with the same clients share one floor, measured once per
// round beside them.
import { join } from 'node:path';
import { bundleFloor, sdkClientsOf, type Bundle } from './bundle';
import { formatTable, ms, ratio } from './report';

export interface Floor {
  /** The SDK client packages, e.g. `@aws-sdk/client-s3`. */
  clients: string[];
  /** A short name for tables and progress: `dynamodb+lib-dynamodb+s3`, or the house edge's. */
  label: string;
  bundle: Bundle;
}

const shortName = (client: string): string => client.replace('@aws-sdk/', '').replace(/^client-/, '');

/** The floor of each bundle (keyed by its name), one bundle per distinct set of clients. */
export const bundleFloors = async (repoRoot: string, bundles: { name: string; bundle: Bundle }[], outDir: string): Promise<Map<string, Floor>> => {
  const byLabel = new Map<string, Promise<Floor>>();
  const floorOf = new Map<string, Floor>();
  for (const { name, bundle } of bundles) {
    const clients = sdkClientsOf(bundle, repoRoot);
    // Every floor holds middy (the card's engine): the edge's through httpRoute, the others beside their clients.
    const label = clients.length === 0 ? 'house HTTP edge (middy), no SDK client' : `${clients.map(shortName).join('+')}+middy`;
    if (!byLabel.has(label)) {
      byLabel.set(label, bundleFloor(repoRoot, clients, join(outDir, label)).then((floorBundle) => ({ clients, label, bundle: floorBundle })));
    }
    floorOf.set(name, await byLabel.get(label)!);
  }
  return floorOf;
};

export interface FloorResult {
  label: string;
  bytes: number;
  initMs: number;
  initCpuMs: number;
  wallMs: number;
  /** The function's init (`await import`) over its floor's: the median over pairs of runs, the floor's right before. */
  initRatio: number;
  /** The same in CPU time. */
  initCpuRatio: number;
  /** The function's cold total (spawn to first result) over its floor's. */
  coldRatio: number;
}

/** Each function beside its floor: what its own code and dependencies add to the SDK's cost. */
export const floorTable = (rows: { name: string; initMs: number; initCpuMs: number; wallMs: number; floor: FloorResult }[]): string =>
  formatTable(
    [
      'function',
      'floor basis',
      'init ms',
      'floor init ms',
      'init × floor',
      'init CPU ms',
      'floor init CPU ms',
      'init CPU × floor',
      'cold total ms',
      'floor cold ms',
      'cold × floor',
    ],
    rows.map((row) => [
      row.name,
      row.floor.label,
      ms(row.initMs),
      ms(row.floor.initMs),
      ratio(row.floor.initRatio),
      ms(row.initCpuMs),
      ms(row.floor.initCpuMs),
      ratio(row.floor.initCpuRatio),
      ms(row.wallMs),
      ms(row.floor.wallMs),
      ratio(row.floor.coldRatio),
    ]),
    [false, false, true, true, true, true, true, true, true, true, true],
  );
