// `npm run bench`: bundle size and cold start of every function in the catalog, against an empty
// handler bundled the same way, then the ingest load run. Each cold start is a fresh Node process
// that imports the bundle and handles one realistic event (HTTP request, signed gateway delivery,
// SQS batch or scheduled event) against the emulators, with the environment Lambda would give it.
// The load run (load.ts) drives `npm start`'s program over HTTP. Prints two tables and the load
// figures to stdout (progress goes to stderr) and writes `.local/bench.json`.
//
// BENCH_RUNS (default 10) sets the measured runs per function; one discarded warm-up round precedes them.
// BENCH_ONLY=coldstart runs only the bundles and cold starts (with their floors), skipping the load
// run, the inbox pages, the export and the erasure: the quick loop while trimming a function's start.
// BENCH_ONLY=export runs only the access export of a person with 10,000 faxes (export.ts);
// BENCH_ONLY=erasure only the erasure of a person with 10,000 faxes (erasure.ts).
// BENCH_ONLY=notifications only the policy notices to 100,000 accounts (notifications.ts;
// BENCH_NOTICE_ACCOUNTS sets another count).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { faxAcceptedV1, type FaxAcceptedV1 } from '../../events/fax-accepted';
import addNumbers from '../../functions/add-numbers/function';
import blockSender from '../../functions/block-sender/function';
import { catalog } from '../../functions/catalog';
import createAccount from '../../functions/create-account/function';
import createLegalRequest from '../../functions/create-legal-request/function';
import createReferral from '../../functions/create-referral/function';
import createRightsRequest from '../../functions/create-rights-request/function';
import { defineFunction, entryOf, type FunctionDeclaration } from '../../functions/declaration';
import deliverFax from '../../functions/deliver-fax/function';
import getFax from '../../functions/get-fax/function';
import getProfile from '../../functions/get-profile/function';
import ingestFax from '../../functions/ingest-fax/function';
import payLegalFee from '../../functions/pay-legal-fee/function';
import produceLegalRequest from '../../functions/produce-legal-request/function';
import { environmentFor, houseEnvironment, type ResourceNames } from '../../infra/bindings';
import { bundleExtras, esbuildOptions } from '../../infra/bundling';
import { startEmulators, type Emulators } from '../../infra/local/emulators';
import { freePort } from '../../infra/local/ports';
import { provisionResources } from '../../infra/local/provision';
import { LOCAL_CREDENTIALS, LOCAL_HASH_KEY } from '../../infra/local/runtime';
import { DynamoUsageStore } from '../../shared/adapters/dynamo/usage-store';
import { EnvNames } from '../../shared/config';
import { monthOf, monthStart } from '../../shared/months';
import { MAX_NUMBERS_PER_ADD } from '../../shared/numbers/number';
import { REFERRALS_PER_DAY } from '../../shared/referrals/referral';
import type { UsageStore } from '../../shared/usage/ports';
import { bundleHandler, bundleScript, topInputs, topPackages, type Bundle, type Contribution } from './bundle';
import { killChildren, knownNoise, runInFreshNode, type ChildRun } from './child';
import { bundleFloors, floorTable, type FloorResult } from './floors';
import {
  addNumbersBody,
  assertScenarios,
  benchFaxNumber,
  freshPerRun,
  friendEmail,
  gatewayEvent,
  GATEWAY_WEBHOOK_SECRET,
  httpEvent,
  inboundFax,
  legalFeeBody,
  legalRequestBody,
  mismatch,
  referralForm,
  referralOptOutTokenOf,
  scenarioFor,
  senderNumber,
  signUpForm,
  sqsEvent,
  unsubscribeTokenOf,
  type BenchAccount,
  type Expectation,
  type Fresh,
  type FreshKind,
  type Scenario,
  type ScenarioContext,
} from './events';
import { exportReport, runExportBench, type ExportBenchResult } from './export';
import { notificationsReport, runNotificationsBench } from './notifications';
import { erasureReport, runErasureBench } from './erasure';
import { stopInProcessRuntime } from './in-process-runtime';
import { inboxPagesReport, runInboxPages, type InboxPagesResult } from './inbox-pages';
import { LATE_DUPLICATE_DISTANCE_FACTOR, runIngestLoad, stopLoadRuntime, type LoadResult } from './load';
import { formatTable, kib, ms, ratio } from './report';

const REPO_ROOT = resolve(__dirname, '..', '..');
const RESULT_FILE = join(REPO_ROOT, '.local', 'bench.json');
const LOAD_LOG = join(REPO_ROOT, '.local', 'bench-load-runtime.log');
const WARMUP_ROUNDS = 1;
/** No API serves the cold starts: the links functions make only need a base URL to point at. */
const BENCH_API_URL = 'http://localhost:3000';
/** The ingest load run (issue 3, item 7): fixed, so runs compare. */
const LOAD = { uniqueDeliveries: 300, duplicates: 100, concurrency: 20 } as const;
/** Inbox pages after many deletions (hardening issue, item 12). */
const INBOX_PAGES = { markers: 10_000, liveFaxes: 20, pageSize: 25, rounds: 15 } as const;
/** Faxes delivered to the legal subject: what its legal requests hold and produce. */
const LEGAL_SUBJECT_FAXES = 2;
/** The seeded account's referrals: a page for the listing, an invitation for its consumer. */
const SEEDED_REFERRALS = 5;
/** Closed months of usage rollups the reports read. */
const USAGE_MONTHS = 12;
/** Largest events JSON per seeding process: the events travel as one argument (Linux caps it at 128 KiB). */
const SEED_CHUNK_BYTES = 96 * 1024;
const BENCH_ONLY = (() => {
  const only = process.env.BENCH_ONLY;
  if (only !== undefined && !['coldstart', 'export', 'erasure', 'notifications'].includes(only)) throw new Error('BENCH_ONLY must be unset, coldstart, export, erasure or notifications');
  return only;
})();
const ONLY_COLD_START = BENCH_ONLY === 'coldstart';
/** The access export of one person with many faxes (issue 8). */
const EXPORT_BENCH = { faxes: 10_000 } as const;
/** The erasure of a person with many faxes (issue 8). */
const ERASURE = { faxes: 10_000 } as const;

/** The policy notices' fan-out (issue 16): planned and sent to this many accounts. */
const NOTIFICATIONS = { accounts: Number(process.env.BENCH_NOTICE_ACCOUNTS ?? 100_000), consumers: 4 } as const;

/** BENCH_ONLY=notifications: that measurement alone, its report on stdout. */
const notificationsOnly = async () => {
  try {
    process.stdout.write(`${notificationsReport(await runNotificationsBench({ ...NOTIFICATIONS, progress }))}\n`);
  } finally {
    await stopInProcessRuntime();
  }
};

/** BENCH_ONLY=erasure: that measurement alone, its report on stdout. */
const erasureOnly = async () => {
  try {
    process.stdout.write(`${erasureReport(await runErasureBench({ ...ERASURE, progress }))}\n`);
  } finally {
    await stopInProcessRuntime();
  }
};
const RUNS = (() => {
  const value = Number(process.env.BENCH_RUNS ?? 10);
  if (!Number.isInteger(value) || value < 1 || value > 50) throw new Error('BENCH_RUNS must be an integer from 1 to 50');
  return value;
})();

// What every deployed function's environment holds (source maps on is part of their init cost),
// at WARN so that the measured children print nothing.
const HOUSE_ENVIRONMENT = houseEnvironment('WARN', 'bench');

/** The baseline: no dependencies, bundled like the others, sent the event `GET /health` gets. */
const EMPTY = defineFunction({
  name: '(empty handler)',
  description: 'baseline',
  trigger: { kind: 'http', method: 'GET', path: '/health', auth: 'public' },
  access: {},
  memoryMb: 128,
  timeoutSeconds: 3,
  reservedConcurrency: 1,
});

interface Target {
  declaration: FunctionDeclaration;
  entry: string;
  bundle: Bundle;
  /** Answers the baseline's event (the empty handler, the SDK floors) instead of a scenario. */
  isBaseline: boolean;
}

/** A way to start the process: as deployed, and with Node's own source maps to show what they would cost. */
interface Variant {
  name: 'deployed' | 'nodeSourceMaps';
  environment: Record<string, string>;
}
const VARIANTS: Variant[] = [
  { name: 'deployed', environment: HOUSE_ENVIRONMENT },
  { name: 'nodeSourceMaps', environment: { ...HOUSE_ENVIRONMENT, NODE_OPTIONS: '--enable-source-maps' } },
];

interface Sample {
  bootMs: number;
  initMs: number;
  initCpuMs: number;
  firstInvokeMs: number;
  wallMs: number;
}
type Medians = Sample;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const mediansOf = (samples: Sample[]): Medians => ({
  bootMs: median(samples.map((sample) => sample.bootMs)),
  initMs: median(samples.map((sample) => sample.initMs)),
  initCpuMs: median(samples.map((sample) => sample.initCpuMs)),
  firstInvokeMs: median(samples.map((sample) => sample.firstInvokeMs)),
  wallMs: median(samples.map((sample) => sample.wallMs)),
});

/** `items` cut into consecutive parts of the given sizes, under the same names. */
const partsOf = <Name extends string, T>(items: readonly T[], sizes: Record<Name, number>): Record<Name, T[]> => {
  let from = 0;
  return Object.fromEntries(Object.entries<number>(sizes).map(([name, size]) => [name, items.slice(from, (from += size))])) as Record<Name, T[]>;
};

/**
 * The rollups of the `USAGE_MONTHS` months before this one, as usage-rollup stores them: no bundle
 * can make them, since the bench's faxes are all this month's and a cell needs 10 accounts.
 */
const seedUsageRollups = async (store: UsageStore): Promise<void> => {
  const now = new Date();
  for (let back = USAGE_MONTHS; back >= 1; back -= 1) {
    const cells = [
      { key: '212', accounts: 40 + back, faxes: 1_200 + 17 * back },
      { key: '415', accounts: 12 + (back % 3), faxes: 310 + 5 * back },
      { key: 'other', accounts: 11, faxes: 95 + back },
    ];
    await store.saveRollup({ month: monthOf(monthStart(now, -back)), cells }, now.toISOString());
  }
};

const progress = (line: string) => process.stderr.write(`${line}\n`);

/** The environment Lambda gives the function, with the AWS endpoints pointed at the emulators. */
const lambdaEnvironment = (target: Target, emulators: Emulators, names: ResourceNames, scratch: string, variant: Variant): Record<string, string> => ({
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  // s3rver checks signatures against its fixed key pair; the other emulators take any.
  ...LOCAL_CREDENTIALS,
  AWS_SESSION_TOKEN: 'bench',
  AWS_ENDPOINT_URL_DYNAMODB: emulators.endpoints.dynamodb,
  AWS_ENDPOINT_URL_S3: emulators.endpoints.s3,
  AWS_ENDPOINT_URL_SQS: emulators.endpoints.sqs,
  AWS_ENDPOINT_URL_SESV2: emulators.endpoints.ses,
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emulators.endpoints.cognito,
  // As the local runtime sets it: s3rver serves buckets by path.
  S3_FORCE_PATH_STYLE: 'true',
  // Lambda has no ~/.aws: keep the developer's profiles out of the measurement.
  AWS_CONFIG_FILE: join(scratch, 'no-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'no-aws-credentials'),
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_FUNCTION_NAME: target.declaration.name,
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(target.declaration.memoryMb),
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  LAMBDA_TASK_ROOT: join(target.bundle.file, '..'),
  _HANDLER: 'index.handler',
  TZ: ':UTC',
  LANG: 'en_US.UTF-8',
  ...variant.environment,
  ...environmentFor(target.declaration.access, names),
  // Every bench sign-up comes from one source address: the per-source daily limit would refuse the seeding.
  [EnvNames.signUpsPerSourcePerDay]: '100000',
});

const expectOutcome = (target: Target, run: ChildRun, index: number, expectation: Expectation): void => {
  const wrong = mismatch(expectation, run.invocations[index]);
  if (wrong !== undefined) {
    throw new Error(`${target.declaration.name}: ${wrong} — the bench would measure an error path.\n${knownNoise(run.stderr).rest}`);
  }
};

const DRAIN_TIMEOUT_MS = 15_000;

/** Takes the `fax.accepted` messages of `faxIds` off the queue (the bench is its consumer), checked against the contract. */
const drainQueue = async (sqs: SQSClient, queueUrl: string, faxIds: string[]): Promise<Map<string, FaxAcceptedV1>> => {
  const wanted = new Set(faxIds);
  const found = new Map<string, FaxAcceptedV1>();
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (found.size < wanted.size) {
    if (Date.now() > deadline) throw new Error(`only ${found.size} of ${wanted.size} fax.accepted messages reached the queue`);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const message of Messages) {
      const body = z.parse(faxAcceptedV1, JSON.parse(message.Body ?? 'null'));
      if (wanted.has(body.faxId)) found.set(body.faxId, body);
    }
    if (Messages.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })) }),
      );
    }
  }
  return found;
};

const gitCommit = (): { commit: string; dirty: boolean } | undefined => {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return undefined;
  }
};

interface TargetResult {
  name: string;
  entry: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
  sizeRatio: number;
  medians: Record<Variant['name'], Medians>;
  coldRatio: number;
  /** The function beside the floor of its SDK clients (absent for the empty handler). */
  floor?: FloorResult;
  samples: Record<Variant['name'], Sample[]>;
}

interface BenchFile {
  version: 1;
  finishedAt: string;
  git?: { commit: string; dirty: boolean };
  node: string;
  platform: string;
  cpu: { model: string; count: number };
  runs: number;
  warmupRounds: number;
  esbuildOptions: typeof esbuildOptions;
  results: TargetResult[];
  largestBundle: { name: string; topInputs: Contribution[]; topPackages: Contribution[] };
  /** The ingest load run (absent from files written before it existed). */
  load?: LoadResult;
  inboxPages?: InboxPagesResult;
  /** The access export of a person with many faxes (absent from files written before it existed). */
  export?: ExportBenchResult;
}

const readPrevious = async (): Promise<BenchFile | undefined> => {
  try {
    const previous = JSON.parse(await readFile(RESULT_FILE, 'utf8')) as BenchFile;
    return previous.version === 1 ? previous : undefined;
  } catch {
    return undefined;
  }
};

const signed = (value: number, format: (value: number) => string) => (value >= 0 ? `+${format(value)}` : `-${format(-value)}`);

const comparison = (previous: BenchFile, results: TargetResult[]): string => {
  const before = new Map(previous.results.map((result) => [result.name, result]));
  const rows = results.map((result) => {
    const old = before.get(result.name);
    if (!old) return [result.name, 'new', 'new', 'new'];
    return [
      result.name,
      signed(result.bytes - old.bytes, (bytes) => kib(bytes)),
      signed(result.medians.deployed.initMs - old.medians.deployed.initMs, ms),
      signed(result.medians.deployed.wallMs - old.medians.deployed.wallMs, ms),
    ];
  });
  const commit = previous.git ? ` at ${previous.git.commit.slice(0, 8)}${previous.git.dirty ? '+changes' : ''}` : '';
  return [
    `Compared with the previous run (${previous.finishedAt}${commit}, ${previous.runs} run${previous.runs === 1 ? '' : 's'}):`,
    '',
    formatTable(['function', 'bundle KiB Δ', 'init ms Δ', 'cold total ms Δ'], rows, [false, true, true, true]),
  ].join('\n');
};

const loadReport = (load: LoadResult, previous: LoadResult | undefined): string => {
  const row = (result: LoadResult) => [
    String(result.requests),
    (result.wallMs / 1000).toFixed(2),
    result.requestsPerSecond.toFixed(1),
    ms(result.latencyMs.p50),
    ms(result.latencyMs.p95),
    ms(result.latencyMs.p99),
    ms(result.latencyMs.max),
  ];
  const statuses = Object.entries(load.statusCounts)
    .map(([status, count]) => `${status} × ${count}`)
    .join(', ');
  return [
    '## Ingest load: signed POST /gateway/faxes against the local runtime (`npm start`\'s program, own process, 127.0.0.1)',
    '',
    `${load.requests} deliveries at concurrency ${load.concurrency}: ${load.uniqueDeliveries} unique (inline PDF of ${kib(load.documentBytes)} KiB) and ` +
      `${load.duplicates} duplicates re-sending an earlier delivery's webhook-id and body, re-signed; ${load.duplicatesBesideOriginal} of them sent ` +
      `right behind their original (${load.duplicatesOverlapping} in flight together with it), the rest ≥ ${LATE_DUPLICATE_DISTANCE_FACTOR * load.concurrency} sends later.`,
    '',
    formatTable(
      ['run', 'requests', 'wall s', 'requests/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [['this run', ...row(load)], ...(previous ? [['previous', ...row(previous)]] : [])],
      [false, true, true, true, true, true, true, true],
    ),
    '',
    `Status counts: ${statuses}.`,
    `Inbox (GET /faxes?limit=100, ${load.inbox.pages} pages): ${load.inbox.listed} faxes, each unique delivery exactly once; every duplicate ` +
      `was answered its original's faxId. Complete ${(load.inbox.completeAfterMs / 1000).toFixed(1)} s after the last 202 (queue consumer).`,
    ...(load.consumer
      ? [
          `Queue consumer (from the runtime's log): ${load.consumer.handled} fax.accepted messages handled, ${load.consumer.failed} failed, ` +
            `for ${load.uniqueDeliveries} faxes: duplicates racing their original may enqueue the fax again; the inbox write keeps one.`,
        ]
      : []),
  ].join('\n');
};

/** Set on Ctrl-C: the run's own failure that follows is not news. */
let interrupted = false;

/** BENCH_ONLY=export: the export bench alone; its figures replace those of the last full run's file, if there is one. */
const exportOnly = async () => {
  const previous = await readPrevious();
  try {
    const result = await runExportBench({ ...EXPORT_BENCH, progress });
    if (previous) await writeFile(RESULT_FILE, `${JSON.stringify({ ...previous, export: result }, null, 2)}\n`);
    process.stdout.write(`${exportReport(result, previous?.export)}\n`);
  } finally {
    await stopInProcessRuntime();
  }
};

const main = async () => {
  if (BENCH_ONLY === 'export') return exportOnly();
  if (BENCH_ONLY === 'erasure') return erasureOnly();
  if (BENCH_ONLY === 'notifications') return notificationsOnly();
  const benchStart = performance.now();
  assertScenarios(catalog);
  const scratch = await mkdtemp(join(tmpdir(), 'fax-backend-bench-'));
  let emulators: Emulators | undefined;
  // Once, whoever asks first (the run's end, a failure, or Ctrl-C while the run is failing).
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      killChildren();
      await stopLoadRuntime();
      await stopInProcessRuntime();
      await emulators?.stop();
      emulators = undefined;
      await rm(scratch, { recursive: true, force: true });
    })());
  const interrupt = () => {
    if (interrupted) return;
    interrupted = true;
    progress('interrupted: stopping the emulators and the local runtime');
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);

  try {
    // 1. Bundles, exactly as deployed, plus the harness the children run.
    progress(`bundling ${catalog.length} functions and the empty handler with infra/bundling.ts esbuildOptions…`);
    const harness = join(scratch, 'harness.mjs');
    await bundleScript(REPO_ROOT, join(__dirname, 'harness.ts'), harness);
    const sources = [
      { declaration: EMPTY, entry: 'test/bench/empty-handler.ts', isBaseline: true, dir: 'empty-handler' },
      ...catalog.map((declaration) => ({ declaration, entry: entryOf(declaration), isBaseline: false, dir: declaration.name })),
    ];
    const targets: Target[] = await Promise.all(
      sources.map(async ({ declaration, entry, isBaseline, dir }) => ({
        declaration,
        entry,
        isBaseline,
        bundle: await bundleHandler(REPO_ROOT, entry, join(scratch, 'bundles', dir), bundleExtras(declaration.name)),
      })),
    );
    const [baseline] = targets;
    progress('bundling the SDK floor of each function (only its AWS SDK clients, one of each made at module scope)…');
    const floorOf = await bundleFloors(
      REPO_ROOT,
      targets.filter((target) => !target.isBaseline).map((target) => ({ name: target.declaration.name, bundle: target.bundle })),
      join(scratch, 'floors'),
    );
    const floorTargets = new Map(
      [...new Set(floorOf.values())].map((floor) => [
        floor,
        { declaration: { ...EMPTY, name: `(floor ${floor.label})` }, entry: 'floor', bundle: floor.bundle, isBaseline: true } as Target,
      ]),
    );

    // 2. Emulators and what the stacks declare on them (table, bucket, queues), provisioned as the local runtime does.
    progress('starting the emulators (DynamoDB Local on Java 17, s3rver, SQS, SES, cognito-local)…');
    emulators = await startEmulators({ dynamodb: await freePort(), s3: await freePort(), sqs: await freePort(), ses: await freePort(), cognito: await freePort() });
    const adminClientConfig = {
      region: 'us-east-1',
      credentials: { accessKeyId: LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
    };
    const admin = {
      dynamodb: new DynamoDBClient({ ...adminClientConfig, endpoint: emulators.endpoints.dynamodb }),
      s3: new S3Client({ ...adminClientConfig, endpoint: emulators.endpoints.s3, forcePathStyle: true }),
      sqs: new SQSClient({ ...adminClientConfig, endpoint: emulators.endpoints.sqs }),
      cognito: new CognitoIdentityProviderClient({ ...adminClientConfig, endpoint: emulators.endpoints.cognito }),
    };
    const names = await provisionResources(admin, catalog, { gatewayWebhookSecret: GATEWAY_WEBHOOK_SECRET, hashKey: LOCAL_HASH_KEY }, emulators.endpoints.cognito, BENCH_API_URL);
    const running = emulators;

    // 3. What the scenarios act on, made through the real bundles: accounts, faxes (ingested, then
    //    delivered or left on the queue for deliver-fax to measure), blocked senders, rights
    //    requests, legal requests (awaiting their fee, ready, one produced) and referrals; besides
    //    them, usage rollups (no bundle can make them) and signed links (tokens, not stored).
    const targetOf = (declaration: FunctionDeclaration): Target => {
      const found = targets.find((target) => target.declaration.name === declaration.name);
      if (!found) throw new Error(`${declaration.name} is not in the catalog`);
      return found;
    };
    /** Runs events through a bundle, in as few processes as the argument limit allows; each must meet `expectation`. */
    const seed = async (declaration: FunctionDeclaration, events: unknown[], expectation: Expectation) => {
      const target = targetOf(declaration);
      const invocations: ChildRun['invocations'] = [];
      for (let from = 0; from < events.length; ) {
        let to = from + 1;
        let bytes = JSON.stringify(events[from]).length;
        while (to < events.length && bytes + JSON.stringify(events[to]).length < SEED_CHUNK_BYTES) bytes += JSON.stringify(events[to++]).length;
        const run = await runInFreshNode(
          harness,
          target.bundle.file,
          events.slice(from, to),
          lambdaEnvironment(target, running, names, scratch, VARIANTS[0]),
          declaration.timeoutSeconds * 1000,
        );
        run.invocations.forEach((_, index) => expectOutcome(target, run, index, expectation));
        invocations.push(...run.invocations);
        from = to;
      }
      return invocations;
    };
    const bodyOf = <T>(invocation: ChildRun['invocations'][number]): T => JSON.parse(invocation.body ?? '{}') as T;

    let serialNumber = 0;
    const serial = () => (serialNumber += 1);
    const rounds = WARMUP_ROUNDS + RUNS;
    const needed = (kind: FreshKind) => rounds * VARIANTS.length * catalog.reduce((sum, declaration) => sum + freshPerRun(declaration, kind), 0);

    const signUpCounts = {
      seeded: 1,
      legalSubject: 1,
      referrers: Math.ceil(needed('referrer') / REFERRALS_PER_DAY),
      fresh: needed('account'),
      unsubscribing: needed('unsubscribeToken'),
    };
    const signUps = Array.from({ length: Object.values(signUpCounts).reduce((sum, count) => sum + count, 0) }, () => signUpForm(serial()));
    const availableNumbers = Array.from({ length: needed('availableNumber') }, () => benchFaxNumber(serial()));
    const stock = [...signUps.map((form) => form.faxNumber), ...availableNumbers];
    progress(`adding ${stock.length} fax numbers to the inventory with the ${addNumbers.name} bundle…`);
    const stockEvents = [];
    for (let from = 0; from < stock.length; from += MAX_NUMBERS_PER_ADD) {
      stockEvents.push(httpEvent(addNumbers, { admin: true, body: addNumbersBody(stock.slice(from, from + MAX_NUMBERS_PER_ADD)) }));
    }
    await seed(addNumbers, stockEvents, { kind: 'http', status: 200 });
    progress(`seeding ${signUps.length} accounts with the ${createAccount.name} bundle…`);
    const created = await seed(createAccount, signUps.map((form) => httpEvent(createAccount, { body: form })), { kind: 'http', status: 201 });
    const accounts: BenchAccount[] = signUps.map((form, index) => ({
      accountId: bodyOf<{ accountId: string }>(created[index]).accountId,
      email: form.email,
      faxNumber: form.faxNumber,
    }));
    const {
      seeded: [seeded],
      legalSubject: [legalSubject],
      referrers,
      fresh: freshAccounts,
      unsubscribing,
    } = partsOf(accounts, signUpCounts);
    // Signed in once, as their owners would: a pending account gets no faxes, its preferences cannot
    // change (no unsubscribing), and each run would otherwise time its activation.
    await seed(getProfile, [seeded, legalSubject, ...referrers, ...unsubscribing].map((caller) => httpEvent(getProfile, { caller })), {
      kind: 'http',
      status: 200,
    });

    const toDeliver = 1 + needed('deliveredFax');
    const faxCount = toDeliver + needed('acceptedMessage');
    progress(
      `seeding ${faxCount + LEGAL_SUBJECT_FAXES} faxes with the ${ingestFax.name} bundle, ${toDeliver + LEGAL_SUBJECT_FAXES} of them delivered with the ${deliverFax.name} bundle…`,
    );
    const recipients = [...Array<string>(faxCount).fill(seeded.faxNumber), ...Array<string>(LEGAL_SUBJECT_FAXES).fill(legalSubject.faxNumber)];
    const ingested = await seed(ingestFax, recipients.map((to) => gatewayEvent(ingestFax, inboundFax(to, serial()))), { kind: 'http', status: 202 });
    const faxIds = ingested.map((invocation) => bodyOf<{ faxId: string }>(invocation).faxId);
    const messages = await drainQueue(admin.sqs, names.queueUrls[deliverFax.trigger.queue], faxIds);
    const [seededMessage, ...restMessages] = faxIds.slice(0, faxCount).map((faxId) => messages.get(faxId)!);
    const deliveredFaxMessages = restMessages.slice(0, toDeliver - 1);
    const acceptedMessages = restMessages.slice(toDeliver - 1);
    const legalSubjectMessages = faxIds.slice(faxCount).map((faxId) => messages.get(faxId)!);
    const deliveredMessages = [seededMessage, ...deliveredFaxMessages, ...legalSubjectMessages];
    const batches: FaxAcceptedV1[][] = [];
    for (let from = 0; from < deliveredMessages.length; from += deliverFax.trigger.batchSize) {
      batches.push(deliveredMessages.slice(from, from + deliverFax.trigger.batchSize));
    }
    await seed(deliverFax, batches.map((batch) => sqsEvent(deliverFax, batch)), { kind: 'batch' });
    // The consumer acknowledges a fax it dropped too: only the inbox proves these were delivered.
    const ownerOf = (message: FaxAcceptedV1) => (message.accountId === legalSubject.accountId ? legalSubject : seeded);
    await seed(getFax, deliveredMessages.map((message) => httpEvent(getFax, { caller: ownerOf(message), pathParameters: { faxId: message.faxId } })), {
      kind: 'http',
      status: 200,
    });

    const blockedNumbers = Array.from({ length: needed('blockedNumber') }, () => senderNumber(serial()));
    progress(`seeding ${blockedNumbers.length} blocked senders with the ${blockSender.name} bundle…`);
    await seed(blockSender, blockedNumbers.map((faxNumber) => httpEvent(blockSender, { caller: seeded, pathParameters: { faxNumber } })), {
      kind: 'http',
      status: 200,
    });

    const rightsRequestCount = needed('verifiedRightsRequest');
    progress(`seeding ${rightsRequestCount} verified rights requests with the ${createRightsRequest.name} bundle…`);
    const rightsRequests = await seed(
      createRightsRequest,
      Array.from({ length: rightsRequestCount }, () => httpEvent(createRightsRequest, { caller: seeded, body: { type: 'complaint', email: seeded.email } })),
      { kind: 'http', status: 202 },
    );

    // Legal requests after the subject's faxes, so that their holds hold them. One more ready than
    // the runs take, produced now: the production the reads and the download open.
    const awaitingFeeCount = needed('awaitingFeeLegalRequest');
    const readyCount = 1 + needed('readyLegalRequest');
    progress(
      `seeding ${awaitingFeeCount + readyCount} legal requests with the ${createLegalRequest.name} bundle, ${readyCount} paid with the ${payLegalFee.name} bundle, one produced with the ${produceLegalRequest.name} bundle…`,
    );
    const filed = await seed(
      createLegalRequest,
      [
        ...Array.from({ length: awaitingFeeCount }, () => legalRequestBody(legalSubject, serial())),
        ...Array.from({ length: readyCount }, () => legalRequestBody(legalSubject, serial(), 'customer_consent')),
      ].map((body) => httpEvent(createLegalRequest, { admin: true, body })),
      { kind: 'http', status: 201 },
    );
    const legalRequestIds = filed.map((invocation) => bodyOf<{ legalRequestId: string }>(invocation).legalRequestId);
    const paidLegalRequests = legalRequestIds.slice(awaitingFeeCount);
    await seed(payLegalFee, paidLegalRequests.map((id) => httpEvent(payLegalFee, { admin: true, pathParameters: { id }, body: legalFeeBody })), {
      kind: 'http',
      status: 200,
    });
    const [producedLegalRequest, ...readyLegalRequests] = paidLegalRequests;
    const [production] = await seed(produceLegalRequest, [httpEvent(produceLegalRequest, { admin: true, pathParameters: { id: producedLegalRequest } })], {
      kind: 'http',
      status: 200,
    });
    const productionToken = new URL(bodyOf<{ production: { url: string } }>(production).production.url).searchParams.get('token');
    if (productionToken === null) throw new Error(`the production of ${producedLegalRequest} has no token in its link`);

    progress(`seeding ${SEEDED_REFERRALS} referrals of the seeded account with the ${createReferral.name} bundle…`);
    const referrals = await seed(createReferral, Array.from({ length: SEEDED_REFERRALS }, () => httpEvent(createReferral, { caller: seeded, body: referralForm(serial()) })), {
      kind: 'http',
      status: 202,
    });

    progress(`seeding ${USAGE_MONTHS} closed months of usage rollups through the usage store…`);
    await seedUsageRollups(new DynamoUsageStore(DynamoDBDocumentClient.from(admin.dynamodb), names.tableName));
    for (const client of Object.values(admin)) client.destroy();

    const pools: { [K in FreshKind]: Fresh[K][] } = {
      account: freshAccounts,
      deliveredFax: deliveredFaxMessages.map((message) => message.faxId),
      acceptedMessage: [...acceptedMessages],
      blockedNumber: blockedNumbers,
      availableNumber: availableNumbers,
      verifiedRightsRequest: rightsRequests.map((invocation) => bodyOf<{ requestId: string }>(invocation).requestId),
      awaitingFeeLegalRequest: legalRequestIds.slice(0, awaitingFeeCount),
      readyLegalRequest: readyLegalRequests,
      // Each referrer's daily allowance: the 21st referral of a day would be a 429.
      referrer: referrers.flatMap((referrer) => Array<BenchAccount>(REFERRALS_PER_DAY).fill(referrer)),
      unsubscribeToken: await Promise.all(unsubscribing.map((account) => unsubscribeTokenOf(account.accountId))),
      referralOptOutToken: await Promise.all(Array.from({ length: needed('referralOptOutToken') }, () => referralOptOutTokenOf(friendEmail(serial())))),
    };
    const context: ScenarioContext = {
      seeded,
      seededFaxId: seededMessage.faxId,
      legalSubject,
      seededProduction: { legalRequestId: producedLegalRequest, token: productionToken },
      seededReferral: { type: 'referral.created', version: 1, referrerId: seeded.accountId, referralId: bodyOf<{ referralId: string }>(referrals[0]).referralId },
      seededUnsubscribeToken: await unsubscribeTokenOf(seeded.accountId),
      serial,
      take: <K extends FreshKind>(kind: K): Fresh[K] => {
        const item = pools[kind].shift();
        if (item === undefined) throw new Error(`the bench ran out of fresh ${kind} items: check \`fresh\` of the scenarios`);
        return item;
      },
    };

    // 4. Cold starts: rounds over every target and variant, interleaved so drift hits all alike.
    let sawSdkNodeVersionWarning = false;
    const samples = new Map([...targets, ...floorTargets.values()].map((target) => [target, { deployed: [] as Sample[], nodeSourceMaps: [] as Sample[] }]));
    // Each deployed sample of a function with the floor sample taken right before it: the ratio of
    // a pair cancels the load swings between pairs, so the floor ratios are medians of pair ratios.
    const floorPairs = new Map(targets.map((target) => [target, [] as { own: Sample; floor: Sample }[]]));
    let floorSample: Sample | undefined;
    for (let round = 0; round < rounds; round += 1) {
      const measured = round >= WARMUP_ROUNDS;
      progress(measured ? `cold starts: run ${round - WARMUP_ROUNDS + 1}/${RUNS}` : 'cold starts: warm-up round (discarded)');
      for (const variant of VARIANTS) {
        // The floors run as deployed only (the ratio compares deployed cold starts), each right before
        // every function it is the floor of, so that the machine's load swings hit both alike.
        const floorBefore = (target: Target): Target[] => {
          const floor = variant.name === 'deployed' ? floorOf.get(target.declaration.name) : undefined;
          return floor ? [floorTargets.get(floor)!] : [];
        };
        for (const target of targets.flatMap((target) => [...floorBefore(target), target])) {
          const scenario: Scenario = target.isBaseline
            ? { event: httpEvent(target.declaration), expect: { kind: 'http', status: 200 } }
            : scenarioFor(target.declaration, context);
          const run = await runInFreshNode(
            harness,
            target.bundle.file,
            [scenario.event],
            lambdaEnvironment(target, running, names, scratch, variant),
            target.declaration.timeoutSeconds * 1000,
          );
          expectOutcome(target, run, 0, scenario.expect);
          const stderr = knownNoise(run.stderr);
          sawSdkNodeVersionWarning ||= stderr.sdkNodeVersionWarning;
          if (stderr.rest !== '') progress(`${target.declaration.name} wrote to stderr:\n${stderr.rest}`);
          if (measured) {
            const sample = { bootMs: run.bootMs, initMs: run.initMs, initCpuMs: run.initCpuMs, firstInvokeMs: run.invocations[0].ms, wallMs: run.wallMs };
            samples.get(target)?.[variant.name].push(sample);
            if (floorSample && !target.isBaseline) floorPairs.get(target)?.push({ own: sample, floor: floorSample });
            floorSample = target.isBaseline && variant.name === 'deployed' ? sample : undefined;
          }
        }
      }
    }
    // Every measured deliver-fax run must have put its fax in the inbox (not dropped it as blocked or gone).
    await seed(getFax, acceptedMessages.map((message) => httpEvent(getFax, { caller: seeded, pathParameters: { faxId: message.faxId } })), {
      kind: 'http',
      status: 200,
    });
    await emulators.stop();
    emulators = undefined;

    // 5. The ingest load run, against `npm start`'s program in its own process.
    const load = ONLY_COLD_START ? undefined : await runIngestLoad({ logFile: LOAD_LOG, ...LOAD, progress });
    const inboxPages = ONLY_COLD_START ? undefined : await runInboxPages({ ...INBOX_PAGES, progress });
    const exportRun = ONLY_COLD_START ? undefined : await runExportBench({ ...EXPORT_BENCH, progress });

    // 6. Report.
    const pairRatio = (target: Target, measure: 'initMs' | 'initCpuMs' | 'wallMs'): number =>
      median((floorPairs.get(target) ?? []).map(({ own, floor }) => own[measure] / floor[measure]));
    const resultOf = (target: Target): TargetResult => {
      const own = samples.get(target) ?? { deployed: [], nodeSourceMaps: [] };
      const base = samples.get(baseline) ?? { deployed: [], nodeSourceMaps: [] };
      const medians = { deployed: mediansOf(own.deployed), nodeSourceMaps: mediansOf(own.nodeSourceMaps) };
      const floor = floorOf.get(target.declaration.name);
      const floorMedians = floor && mediansOf(samples.get(floorTargets.get(floor)!)?.deployed ?? []);
      return {
        name: target.declaration.name,
        entry: target.entry,
        bytes: target.bundle.bytes,
        gzipBytes: target.bundle.gzipBytes,
        mapBytes: target.bundle.mapBytes,
        sizeRatio: target.bundle.bytes / baseline.bundle.bytes,
        medians,
        coldRatio: medians.deployed.wallMs / mediansOf(base.deployed).wallMs,
        ...(floor && floorMedians
          ? {
              floor: {
                label: floor.label,
                bytes: floor.bundle.bytes,
                initMs: floorMedians.initMs,
                initCpuMs: floorMedians.initCpuMs,
                wallMs: floorMedians.wallMs,
                initRatio: pairRatio(target, 'initMs'),
                initCpuRatio: pairRatio(target, 'initCpuMs'),
                coldRatio: pairRatio(target, 'wallMs'),
              },
            }
          : {}),
        samples: own,
      };
    };
    const results = targets.map(resultOf);
    const largest = targets.filter((target) => !target.isBaseline).reduce((a, b) => (b.bundle.bytes > a.bundle.bytes ? b : a));
    const largestBundle = {
      name: largest.declaration.name,
      topInputs: topInputs(largest.bundle.metafile, largest.bundle.file, REPO_ROOT, 5),
      topPackages: topPackages(largest.bundle.metafile, largest.bundle.file, REPO_ROOT, 5),
    };

    const table = formatTable(
      ['function', 'bundle KiB', 'gzip KiB', 'size × empty', 'init ms', 'first invoke ms', 'cold total ms', 'cold × empty', 'init ms, --enable-source-maps'],
      results.map((result) => [
        result.name,
        kib(result.bytes),
        kib(result.gzipBytes),
        ratio(result.sizeRatio),
        ms(result.medians.deployed.initMs),
        ms(result.medians.deployed.firstInvokeMs),
        ms(result.medians.deployed.wallMs),
        ratio(result.coldRatio),
        ms(result.medians.nodeSourceMaps.initMs),
      ]),
      [false, true, true, true, true, true, true, true, true],
    );
    const share = (part: number) => `${((100 * part) / largest.bundle.bytes).toFixed(1)} %`;
    const contributionTable = (title: string, rows: Contribution[]) =>
      formatTable([title, 'KiB in output', 'share'], rows.map((row) => [row.name, kib(row.bytes), share(row.bytes)]), [false, true, true]);
    const previous = await readPrevious();
    const git = gitCommit();
    const bench: BenchFile = {
      version: 1,
      finishedAt: new Date().toISOString(),
      ...(git ? { git } : {}),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpu: { model: cpus()[0]?.model ?? 'unknown', count: cpus().length },
      runs: RUNS,
      warmupRounds: WARMUP_ROUNDS,
      esbuildOptions,
      results,
      largestBundle,
      ...(load ? { load } : {}),
      ...(inboxPages ? { inboxPages } : {}),
      ...(exportRun ? { export: exportRun } : {}),
    };
    await mkdir(join(REPO_ROOT, '.local'), { recursive: true });
    await writeFile(RESULT_FILE, `${JSON.stringify(bench, null, 2)}\n`);

    const nodeMajor = Number(process.versions.node.split('.')[0]);
    const lines = [
      `## Bundle size and cold start (${esbuildOptions.format.toUpperCase()}, target ${esbuildOptions.target}, minified, SDK bundled)`,
      '',
      `Medians of ${RUNS} fresh \`node\` processes per function (${process.version}, ${cpus().length} × ${bench.cpu.model}),` +
        ` after ${WARMUP_ROUNDS} discarded warm-up round; the house environment as deployed (no --enable-source-maps).`,
      'init = `await import(bundle)`; first invoke = the first event, its first calls to the emulators included;',
      'cold total = spawn to result; "init ms, --enable-source-maps" = init if Node read the source maps at load. gzip = the .mjs at gzip -6.',
      ...(nodeMajor === 22 ? [] : [`Note: Lambda runs Node 22; this machine runs ${process.version}.`]),
      ...(sawSdkNodeVersionWarning ? ['The AWS SDK printed its NodeVersionSupportWarning (Node < 22) in the children; filtered out.'] : []),
      'Gateway routes read their webhook secret from GATEWAY_WEBHOOK_SECRET as locally; deployed, the first invoke also fetches it from Secrets Manager.',
      '',
      table,
      '',
      '## Against the SDK floor',
      '',
      'Each function beside its floor: a bundle of only the AWS SDK clients it bundles, one of each made at module scope,',
      'measured the same way, right before each function it is the floor of, in every round (deployed variant; the floor answers',
      'the empty handler\'s event, no SDK call): a shared floor has that many more samples.',
      'A function without SDK clients (health, not-found, openapi) stands beside the house HTTP edge instead (`httpRoute` answering 200:',
      'structured logs, metrics, problem+json), what any route must load; "floor basis" says which floor each row uses.',
      'Each × floor is the median of the ratios of a function\'s run to its floor\'s run right before it (pairs cancel the',
      'load swings of a shared machine), so it need not equal the ratio of the two medians beside it.',
      'init CPU = user + system time of the import, steadier than wall time on a shared machine: the 1.25 × budget applies to it.',
      'cold × floor counts the function\'s first SDK calls too, which the floor does not make.',
      '',
      floorTable(results.flatMap((result) => (result.floor ? [{ name: result.name, ...result.medians.deployed, floor: result.floor }] : []))),
      '',
      `Largest bundle: ${largest.declaration.name} (${kib(largest.bundle.bytes)} KiB, source map ${kib(largest.bundle.mapBytes)} KiB beside it)`,
      '',
      contributionTable('top inputs', largestBundle.topInputs),
      '',
      contributionTable('top packages', largestBundle.topPackages),
      '',
      ...(previous ? [comparison(previous, results), ''] : []),
      ...(load ? [loadReport(load, previous?.load), ''] : []),
      ...(inboxPages ? [inboxPagesReport(inboxPages, previous?.inboxPages), ''] : []),
      ...(exportRun ? [exportReport(exportRun, previous?.export), ''] : []),
      ...(ONLY_COLD_START ? ['BENCH_ONLY=coldstart: the load run, the inbox pages and the export were skipped.', ''] : []),
      `Results: ${RESULT_FILE.replace(`${REPO_ROOT}/`, '')}. Bench took ${(((performance.now() - benchStart) / 1000)).toFixed(0)} s.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await cleanUp();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (interrupted) process.exit(130);
    process.stderr.write(`\nbench FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
