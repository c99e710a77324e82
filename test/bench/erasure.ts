// The erasure of a person with many faxes (issue 8): one customer with 10,000 faxes, their items
// batch-written into DynamoDB Local and their documents put into s3rver, then the customer asks
// for erasure over HTTP against the local runtime, which runs in this process so that every
// DynamoDB and S3 call its functions send is counted on their own clients. Timed from the request
// to the request's completion; calls counted over that window (every function's, the intake's and
// the completion email's too: an upper bound of the erasure's own); memory sampled throughout.
import { performance } from 'node:perf_hooks';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { FAX_BUCKET_NAME } from '../../infra/local/provision';
import { faxItem } from '../../shared/adapters/dynamo/fax-stores';
import { expiryOf, type Fax } from '../../shared/faxes/fax';
import { inProcessRuntime } from './in-process-runtime';
import { batchWrite, call, signedUpCustomer } from './inbox-pages';
import { formatTable, ms } from './report';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { s3Client } from '../../shared/adapters/s3/client';
import { sentCalls } from './sent-calls';

export interface ErasureBenchOptions {
  faxes: number;
  progress(line: string): void;
}

export interface ErasureBenchResult {
  faxes: number;
  /** From the request to its completion. */
  durationMs: number;
  calls: { dynamodb: number; s3: number };
  callsPerFax: number;
  /** Above the process's level before the request. */
  peakMemoryMb: { heapUsed: number; rss: number };
}

const PUTS_IN_FLIGHT = 16;
const MB = 1024 * 1024;



/** Runs `work` on every item, `inFlight` at a time. */
const inParallel = async <T>(items: T[], inFlight: number, work: (item: T) => Promise<void>) => {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
};

export const runErasureBench = async ({ faxes, progress }: ErasureBenchOptions): Promise<ErasureBenchResult> => {
  progress('erasure: the local runtime in this process…');
  const runtime = await inProcessRuntime();
  const { form, accountId, token, tableName } = await signedUpCustomer(runtime, 'bench-erasure');

  const nextUlid = monotonicFactory();
  const start = Date.now() - 24 * 60 * 60 * 1000;
  const seeded: Fax[] = Array.from({ length: faxes }, (_, index) => {
    const acceptedAt = new Date(start + index * 1000);
    const faxId = `fax_${nextUlid(acceptedAt.getTime())}`;
    return {
      faxId,
      accountId,
      from: '+15559870000',
      to: form.faxNumber,
      pages: 1,
      contentType: 'application/pdf',
      sizeBytes: 64,
      receivedAt: acceptedAt.toISOString(),
      acceptedAt: acceptedAt.toISOString(),
      expiresAt: expiryOf(acceptedAt).toISOString(),
      documentKey: `faxes/${faxId}`,
    };
  });
  progress(`erasure: seeding ${faxes} faxes (batch writes) and their documents…`);
  await batchWrite(tableName, seeded.map(faxItem));
  const document = Buffer.from('%PDF-1.4\n% bench erasure\n');
  await inParallel(seeded, PUTS_IN_FLIGHT, async ({ documentKey }) => {
    await s3Client.send(new PutObjectCommand({ Bucket: FAX_BUCKET_NAME, Key: documentKey, Body: document, ContentType: 'application/pdf' }));
  });

  progress('erasure: the customer asks for erasure; waiting for its completion…');
  global.gc?.();
  const baseline = process.memoryUsage();
  const peak = { heapUsed: baseline.heapUsed, rss: baseline.rss };
  const sampler = setInterval(() => {
    const { heapUsed, rss } = process.memoryUsage();
    peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
    peak.rss = Math.max(peak.rss, rss);
  }, 20);
  const before = { ...sentCalls };
  const requestStart = performance.now();
  let polls = 0;
  const { requestId } = (await call(`${runtime.url}/rights-requests`, { method: 'POST', token, json: { type: 'erasure', email: form.email } })) as { requestId: string };
  for (;;) {
    polls += 1;
    const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: { PK: `RIGHTS#${requestId}`, SK: 'REQUEST' }, ConsistentRead: true }));
    if (Item?.status === 'completed') break;
    if (performance.now() - requestStart > 10 * 60 * 1000) throw new Error('erasure: not completed within 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const durationMs = performance.now() - requestStart;
  clearInterval(sampler);
  // The polling's own reads are not the erasure's.
  const calls = { dynamodb: sentCalls.dynamodb - before.dynamodb - polls, s3: sentCalls.s3 - before.s3 };
  const { Item: receipt } = await documentClient.send(new GetCommand({ TableName: tableName, Key: { PK: `ERASURE#${requestId}`, SK: 'RECEIPT' } }));
  if (receipt?.['items.fax'] !== faxes || receipt['objects.faxes'] !== faxes) throw new Error(`erasure: the receipt counts ${JSON.stringify(receipt)}, not ${faxes} faxes`);
  return {
    faxes,
    durationMs,
    calls,
    callsPerFax: (calls.dynamodb + calls.s3) / faxes,
    peakMemoryMb: { heapUsed: (peak.heapUsed - baseline.heapUsed) / MB, rss: (peak.rss - baseline.rss) / MB },
  };
};

/** The measurement's section of the bench report. */
export const erasureReport = (result: ErasureBenchResult): string =>
  [
    '## Erasure of a person with many faxes, against the local runtime (this process, 127.0.0.1)',
    '',
    `One customer with ${result.faxes} faxes (items and documents), erased from the request to its completion. ` +
      "Calls: every DynamoDB and S3 call of the runtime's functions in that window (an upper bound of the erasure's own), the poll's reads aside; the user pool's one call not counted. " +
      'Memory: the peak above the level before the request, of this whole process (runtime, functions, S3 emulator).',
    '',
    formatTable(
      ['faxes', 'time ms', 'DynamoDB calls', 'S3 calls', 'calls per fax', 'peak heap MB', 'peak RSS MB'],
      [
        [
          String(result.faxes),
          ms(result.durationMs),
          String(result.calls.dynamodb),
          String(result.calls.s3),
          result.callsPerFax.toFixed(4),
          result.peakMemoryMb.heapUsed.toFixed(1),
          result.peakMemoryMb.rss.toFixed(1),
        ],
      ],
      [true, true, true, true, true, true, true],
    ),
  ].join('\n');
