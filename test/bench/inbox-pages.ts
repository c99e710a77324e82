// Inbox pages after many deletions (hardening issue, item 12). One customer whose newest faxes were
// deleted, 10,000 of them, with a few live faxes older than all of those: were the deletion markers
// in the listed key range, a newest-first page would read through every one before its first fax.
// The markers go straight into DynamoDB Local by batch writes (the items the inbox's `remove`
// leaves, built by the adapter), the live faxes through the adapter's `save`. Then timed
// `GET /faxes` pages over HTTP against the local runtime, which runs in this process so that the
// Queries each page costs are counted on the functions' own document client.
import { performance } from 'node:perf_hooks';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import type { LocalRuntime } from '../../infra/local/runtime';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { DynamoInbox, goneMarker } from '../../shared/adapters/dynamo/fax-stores';
import { expiryOf, type Fax } from '../../shared/faxes/fax';
import { addNumbersBody, signUpForm } from './events';
import { inProcessRuntime } from './in-process-runtime';
import { percentile } from './load';
import { formatTable, ms } from './report';

export interface InboxPagesOptions {
  markers: number;
  liveFaxes: number;
  pageSize: number;
  /** How many times the whole inbox is listed, page by page; every page is a sample. */
  rounds: number;
  progress(line: string): void;
}

export interface InboxPagesResult {
  markers: number;
  liveFaxes: number;
  pageSize: number;
  pages: number;
  latencyMs: { p50: number; p95: number; max: number };
  queriesPerPage: { min: number; max: number };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** DynamoDB's BatchWriteItem limit. */
const BATCH = 25;
const BATCHES_IN_FLIGHT = 8;


// Every Query any function sends from here on; the pages are requested one at a time, so the
// difference across a request is that page's.
let queriesSent = 0;
documentClient.middlewareStack.add(
  (next, context) => async (args) => {
    if (context.commandName === 'QueryCommand') queriesSent += 1;
    return next(args);
  },
  { step: 'initialize', name: 'benchQueryCounter' },
);

/** One JSON call to the runtime; any answer but a 2xx fails the measurement. */
export const call = async (url: string, init: { method: string; token?: string; json?: unknown }) => {
  const response = await fetch(url, {
    method: init.method,
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${init.method} ${new URL(url).pathname} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
};

/** Puts items 25 a request, a few requests at once, until DynamoDB has taken every one (the export and erasure benches seed with it too). */
export const batchWrite = async (tableName: string, items: Record<string, unknown>[]) => {
  const batches: Record<string, unknown>[][] = [];
  for (let from = 0; from < items.length; from += BATCH) batches.push(items.slice(from, from + BATCH));
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: BATCHES_IN_FLIGHT }, worker));
};


/** A customer signed up (their number added first) and signed in, and the runtime's table. */
export const signedUpCustomer = async (runtime: LocalRuntime, prefix: string) => {
  const form = signUpForm(Date.now() % 10_000_000, prefix);
  const admin = (await call(`${runtime.url}/_local/token`, { method: 'POST', json: { email: 'bench-admin@acme.test', groups: ['admin'] } })) as { token: string };
  await call(`${runtime.url}/admin/numbers`, { method: 'POST', token: admin.token, json: addNumbersBody([form.faxNumber]) });
  const { accountId } = (await call(`${runtime.url}/accounts`, { method: 'POST', json: form })) as { accountId: string };
  const { token } = (await call(`${runtime.url}/_local/token`, { method: 'POST', json: { email: form.email } })) as { token: string };
  const { TableNames = [] } = await documentClient.send(new ListTablesCommand({}));
  const [tableName] = TableNames;
  return { form, accountId, token, tableName };
};

export const runInboxPages = async (options: InboxPagesOptions): Promise<InboxPagesResult> => {
  const { markers, liveFaxes, pageSize, rounds, progress } = options;
  progress('inbox pages: the local runtime in this process…');
  const runtime = await inProcessRuntime();
  const { form, accountId, token, tableName } = await signedUpCustomer(runtime, 'bench-inbox');
  const inbox = new DynamoInbox(documentClient, tableName);

  // Live faxes accepted two days ago; the deleted ones after them, so newer ULIDs.
  const nextUlid = monotonicFactory();
  const start = Date.now() - 2 * DAY_MS;
  const faxAt = (acceptedAt: number): Fax => ({
    faxId: `fax_${nextUlid(acceptedAt)}`,
    accountId,
    from: '+15559870000',
    to: form.faxNumber,
    pages: 2,
    contentType: 'application/pdf',
    sizeBytes: 64,
    receivedAt: new Date(acceptedAt).toISOString(),
    acceptedAt: new Date(acceptedAt).toISOString(),
    expiresAt: expiryOf(new Date(acceptedAt)).toISOString(),
    documentKey: 'faxes/not-stored',
  });
  const live = Array.from({ length: liveFaxes }, (_, i) => faxAt(start + i * 1000));
  const deleted = Array.from({ length: markers }, (_, i) => faxAt(start + DAY_MS + i * 1000));
  progress(`inbox pages: ${liveFaxes} live faxes and ${markers} deletion markers (batch writes)…`);
  for (const fax of live) await inbox.save(fax);
  await batchWrite(tableName, deleted.map(goneMarker));

  const latencies: number[] = [];
  const queries: number[] = [];
  progress(`inbox pages: listing the inbox ${rounds} times, ${pageSize} a page…`);
  for (let round = 0; round < rounds; round += 1) {
    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(pageSize), ...(cursor ? { cursor } : {}) });
      const queriesBefore = queriesSent;
      const requestStart = performance.now();
      const page = (await call(`${runtime.url}/faxes?${query}`, { method: 'GET', token })) as { items: { faxId: string }[]; nextCursor?: string };
      latencies.push(performance.now() - requestStart);
      queries.push(queriesSent - queriesBefore);
      listed.push(...page.items.map((item) => item.faxId));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = live.map((fax) => fax.faxId).reverse();
    if (JSON.stringify(listed) !== JSON.stringify(expected)) throw new Error(`inbox pages: listed ${listed.length} faxes, not the ${liveFaxes} live ones newest first`);
  }
  if (Math.min(...queries) < 1) throw new Error('inbox pages: no Query was counted; the functions do not share the counted client');
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    markers,
    liveFaxes,
    pageSize,
    pages: latencies.length,
    latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] },
    queriesPerPage: { min: Math.min(...queries), max: Math.max(...queries) },
  };
};

/** The measurement's section of the bench report, beside the previous run's figures. */
export const inboxPagesReport = (result: InboxPagesResult, previous: InboxPagesResult | undefined): string => {
  const row = (run: string, figures: InboxPagesResult) => [
    run,
    String(figures.pages),
    ms(figures.latencyMs.p50),
    ms(figures.latencyMs.p95),
    ms(figures.latencyMs.max),
    figures.queriesPerPage.min === figures.queriesPerPage.max ? String(figures.queriesPerPage.max) : `${figures.queriesPerPage.min}–${figures.queriesPerPage.max}`,
  ];
  return [
    '## Inbox pages after many deletions: GET /faxes against the local runtime (this process, 127.0.0.1)',
    '',
    `One customer: ${result.markers} deleted faxes (their markers, newer than every live fax) and ${result.liveFaxes} live faxes, ` +
      `listed whole ${result.pages} page(s) of ${result.pageSize} at a time; Queries counted on the functions' document client.`,
    '',
    formatTable(
      ['run', 'pages', 'p50 ms', 'p95 ms', 'max ms', 'Queries per page'],
      [row('this run', result), ...(previous ? [row('previous', previous)] : [])],
      [false, true, true, true, true, true],
    ),
  ].join('\n');
};
