// The ingest load run: `npm start`'s program in its own process on free ports (emulators
// included), one account signed up over HTTP, then a fixed number of signed `POST /gateway/faxes`
// deliveries at a fixed concurrency, a quarter of them duplicates (re-sends of an earlier
// delivery's webhook-id and body, some while the original is still in flight). Then, over HTTP as
// the customer: every unique fax is in the inbox exactly once, and every duplicate was answered
// with its original's faxId. Anything else throws. Traffic goes to 127.0.0.1 only.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startRuntimeProcess, type RuntimeProcess } from '../support/runtime-process';
import { addNumbersBody, GATEWAY_WEBHOOK_SECRET, inboundFax, signUpForm, webhookHeaders } from './events';

export interface LoadOptions {
  /** Where the runtime's combined output goes. */
  logFile: string;
  uniqueDeliveries: number;
  duplicates: number;
  concurrency: number;
  progress(line: string): void;
}

export interface LoadResult {
  requests: number;
  uniqueDeliveries: number;
  duplicates: number;
  /** Duplicates queued right behind their original, and how many of those were in flight together with it. */
  duplicatesBesideOriginal: number;
  duplicatesOverlapping: number;
  concurrency: number;
  documentBytes: number;
  wallMs: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  statusCounts: Record<string, number>;
  inbox: { listed: number; pages: number; completeAfterMs: number };
  /** From the runtime's log (INFO lines of the SQS consumer), when it logs them: messages the consumer handled and failed. */
  consumer?: { handled: number; failed: number };
}

const REQUEST_TIMEOUT_MS = 30_000;
/** The whole send phase: after this, nothing more is sent and what is in flight is aborted. */
const SEND_PHASE_TIMEOUT_MS = 120_000;
/** How long the asynchronous consumer may take to deliver everything after the last 202. */
const INBOX_TIMEOUT_MS = 60_000;
/** After the inbox looked complete: wait this long and list again, so a late extra copy is caught too. */
const SETTLE_MS = 1_500;
/** A duplicate queued this many places after its original starts long after the original is answered. */
export const LATE_DUPLICATE_DISTANCE_FACTOR = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The nearest-rank percentile of sorted values. */
export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

let current: RuntimeProcess | undefined;

/** Ends the runtime the load run started, for the end of the run, Ctrl-C or a failure elsewhere. */
export const stopLoadRuntime = async (): Promise<void> => {
  const runtime = current;
  current = undefined;
  await runtime?.stop();
};

interface Answer {
  status: number;
  body: unknown;
}

const request = async (
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  deadline?: AbortSignal,
): Promise<Answer> => {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const response = await fetch(url, { ...init, signal: deadline ? AbortSignal.any([timeout, deadline]) : timeout });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
};

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** One delivery a gateway makes: its id and exact body; a duplicate re-sends both. */
interface Delivery {
  webhookId: string;
  body: string;
}

interface Send {
  delivery: number;
  /** Set for a re-send of `delivery`: sent right behind the original, or well after it. */
  duplicate?: 'beside' | 'later';
  startMs?: number;
  endMs?: number;
  status?: number | 'error';
  faxId?: string;
  error?: string;
}

/**
 * The order of sends: originals in order; duplicate k re-sends original ⌊k·U/D⌋, every other one
 * right behind it (so both are in flight at once), the rest several concurrency windows later.
 */
const plan = (uniqueDeliveries: number, duplicates: number, concurrency: number): Send[] => {
  const keyed: { key: number; send: Send }[] = [];
  for (let delivery = 0; delivery < uniqueDeliveries; delivery += 1) keyed.push({ key: delivery, send: { delivery } });
  for (let k = 0; k < duplicates; k += 1) {
    const original = Math.floor((k * uniqueDeliveries) / duplicates);
    const beside = k % 2 === 0;
    const key = beside ? original + 0.5 : Math.min(original + LATE_DUPLICATE_DISTANCE_FACTOR * concurrency, uniqueDeliveries) + 0.25 + k / (10 * duplicates);
    keyed.push({ key, send: { delivery: original, duplicate: beside ? 'beside' : 'later' } });
  }
  return keyed.sort((a, b) => a.key - b.key).map(({ send }) => send);
};

/** All faxes of the customer's inbox, over every page. */
const listInbox = async (url: string, token: string): Promise<{ faxIds: string[]; pages: number }> => {
  const faxIds: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
    const page = await request(`${url}/faxes?${query}`, { method: 'GET', headers: { authorization: `Bearer ${token}` } });
    if (page.status !== 200) throw new Error(`GET /faxes answered ${page.status}: ${JSON.stringify(page.body)}`);
    const { items, nextCursor } = page.body as { items: { faxId: string }[]; nextCursor?: string };
    faxIds.push(...items.map((item) => item.faxId));
    cursor = nextCursor;
    pages += 1;
    if (pages > 1_000) throw new Error('GET /faxes kept answering a nextCursor');
  } while (cursor);
  return { faxIds, pages };
};

/** How often the queue consumer logged a handled and a failed message (shared/jobs/sqs-consumer.ts), if it logged at INFO. */
const consumerCounts = (logFile: string): LoadResult['consumer'] => {
  const lines = readFileSync(logFile, 'utf8').split('\n');
  const count = (message: string) => lines.filter((line) => line.includes(`"message":"${message}"`)).length;
  const handled = count('message handled');
  const failed = count('message failed; it will be retried');
  return handled + failed > 0 ? { handled, failed } : undefined;
};

export const runIngestLoad = async (options: LoadOptions): Promise<LoadResult> => {
  const result = await loadAndVerify(options);
  const consumer = consumerCounts(options.logFile);
  return consumer ? { ...result, consumer } : result;
};

const loadAndVerify = async (options: LoadOptions): Promise<LoadResult> => {
  const { uniqueDeliveries, duplicates, concurrency, progress } = options;
  options.progress(`load: starting the local runtime (infra/local/start.ts), output in ${options.logFile}…`);
  const runtime = await startRuntimeProcess(options.logFile, { GATEWAY_WEBHOOK_SECRET });
  current = runtime;
  try {
    // 1. One customer, signed up as a web client would, with a number an administrator added.
    const form = signUpForm(Date.now() % 10_000_000, 'bench-load');
    const admin = await request(`${runtime.url}/_local/token`, { method: 'POST', ...json({ email: 'bench-admin@acme.test', groups: ['admin'] }) });
    if (admin.status !== 200) throw new Error(`POST /_local/token answered ${admin.status}: ${JSON.stringify(admin.body)}`);
    const stocked = await request(`${runtime.url}/admin/numbers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${(admin.body as { token: string }).token}` },
      body: JSON.stringify(addNumbersBody([form.faxNumber])),
    });
    if (stocked.status !== 200) throw new Error(`POST /admin/numbers answered ${stocked.status}: ${JSON.stringify(stocked.body)}`);
    const signUp = await request(`${runtime.url}/accounts`, { method: 'POST', ...json(form) });
    if (signUp.status !== 201) throw new Error(`POST /accounts answered ${signUp.status}: ${JSON.stringify(signUp.body)}`);
    // The customer's token proves their email, as their first sign-in would: the account becomes
    // active, and only an active account's number receives faxes.
    const token = await request(`${runtime.url}/_local/token`, { method: 'POST', ...json({ email: form.email }) });
    if (token.status !== 200) throw new Error(`POST /_local/token answered ${token.status}: ${JSON.stringify(token.body)}`);
    const bearer = (token.body as { token: string }).token;

    // 2. The deliveries and their order, built before the clock starts.
    const deliveries: Delivery[] = Array.from({ length: uniqueDeliveries }, (_, index) => ({
      webhookId: `msg_bench_load_${index}_${Date.now()}`,
      body: JSON.stringify(inboundFax(form.faxNumber, index)),
    }));
    const documentBytes = Buffer.from((JSON.parse(deliveries[0].body) as { document: { contentBase64: string } }).document.contentBase64, 'base64').length;
    const sends = plan(uniqueDeliveries, duplicates, concurrency);
    const originalSend = new Map<number, Send>();
    for (const send of sends) if (send.duplicate === undefined) originalSend.set(send.delivery, send);

    progress(`load: ${sends.length} signed POST /gateway/faxes (${uniqueDeliveries} unique + ${duplicates} duplicates) at concurrency ${concurrency}…`);
    let next = 0;
    const sendPhase = AbortSignal.timeout(SEND_PHASE_TIMEOUT_MS);
    const loadStart = performance.now();
    const worker = async () => {
      for (;;) {
        const send = sends[next];
        next += 1;
        if (!send || sendPhase.aborted) return;
        const delivery = deliveries[send.delivery];
        // Signed when sent, as a gateway's retry is: same id and body, a fresh timestamp.
        const headers = { 'content-type': 'application/json', ...webhookHeaders(delivery.webhookId, delivery.body) };
        send.startMs = performance.now();
        try {
          const answer = await request(`${runtime.url}/gateway/faxes`, { method: 'POST', headers, body: delivery.body }, sendPhase);
          send.status = answer.status;
          send.faxId = (answer.body as { faxId?: string } | undefined)?.faxId;
          if (answer.status !== 202) send.error = JSON.stringify(answer.body);
        } catch (error) {
          send.status = 'error';
          send.error = (error as Error).message;
        }
        send.endMs = performance.now();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const loadEnd = performance.now();

    // 3. What the sends answered.
    const statusCounts: Record<string, number> = {};
    for (const send of sends) {
      const status = String(send.status ?? `not sent within ${SEND_PHASE_TIMEOUT_MS / 1000} s`);
      statusCounts[status] = (statusCounts[status] ?? 0) + 1;
    }
    const latencies = sends.map((send) => (send.endMs ?? 0) - (send.startMs ?? 0)).sort((a, b) => a - b);
    const wallMs = loadEnd - loadStart;
    const problems: string[] = [];
    const failed = sends.filter((send) => send.status !== 202);
    if (failed.length > 0) {
      problems.push(
        `${failed.length} of ${sends.length} deliveries were not answered 202 (${JSON.stringify(statusCounts)}); first: ${failed[0].status} ${failed[0].error ?? ''}`,
      );
    }
    const originals = [...originalSend.values()];
    const originalFaxIds = new Set(originals.map((send) => send.faxId).filter((faxId): faxId is string => faxId !== undefined));
    if (originalFaxIds.size !== uniqueDeliveries) {
      problems.push(`${uniqueDeliveries} unique deliveries were answered with ${originalFaxIds.size} distinct faxIds`);
    }
    const duplicateSends = sends.filter((send) => send.duplicate !== undefined);
    const disagreeing = duplicateSends.filter((send) => send.faxId !== originalSend.get(send.delivery)?.faxId);
    if (disagreeing.length > 0) problems.push(`${disagreeing.length} duplicates were answered another faxId than their original`);
    const beside = duplicateSends.filter((send) => send.duplicate === 'beside');
    const overlapping = beside.filter((send) => {
      const original = originalSend.get(send.delivery);
      return original && (send.startMs ?? 0) < (original.endMs ?? 0) && (original.startMs ?? 0) < (send.endMs ?? 0);
    });
    if (problems.length > 0) throw new Error(`ingest load run failed:\n- ${problems.join('\n- ')}`);

    // 4. The inbox, as the customer sees it, once the consumer has caught up.
    progress(`load: ${sends.length} × 202 in ${(wallMs / 1000).toFixed(1)} s; waiting for the inbox to hold ${uniqueDeliveries} faxes…`);
    const inboxDeadline = performance.now() + INBOX_TIMEOUT_MS;
    let listing = await listInbox(runtime.url, bearer);
    while (!(listing.faxIds.length >= uniqueDeliveries && [...originalFaxIds].every((faxId) => listing.faxIds.includes(faxId)))) {
      if (performance.now() > inboxDeadline) break;
      await sleep(250);
      listing = await listInbox(runtime.url, bearer);
    }
    const completeAfterMs = performance.now() - loadEnd;
    await sleep(SETTLE_MS);
    listing = await listInbox(runtime.url, bearer);

    const listed = new Set(listing.faxIds);
    const missing = [...originalFaxIds].filter((faxId) => !listed.has(faxId));
    const unexpected = [...listed].filter((faxId) => !originalFaxIds.has(faxId));
    const repeated = listing.faxIds.length - listed.size;
    if (missing.length > 0 || unexpected.length > 0 || repeated > 0 || listing.faxIds.length !== uniqueDeliveries) {
      throw new Error(
        `ingest load run failed: the inbox lists ${listing.faxIds.length} faxes for ${uniqueDeliveries} unique deliveries ` +
          `(${missing.length} missing after ${INBOX_TIMEOUT_MS / 1000} s, ${unexpected.length} never answered to an original, ${repeated} listed twice)`,
      );
    }

    return {
      requests: sends.length,
      uniqueDeliveries,
      duplicates,
      duplicatesBesideOriginal: beside.length,
      duplicatesOverlapping: overlapping.length,
      concurrency,
      documentBytes,
      wallMs,
      requestsPerSecond: sends.length / (wallMs / 1000),
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] },
      statusCounts,
      inbox: { listed: listing.faxIds.length, pages: listing.pages, completeAfterMs },
    };
  } finally {
    await runtime.stop();
  }
};
