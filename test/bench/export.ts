// The access export of a person with many faxes (issue 8's bench): the export use case with its
// deployed adapters, in this process, against the local runtime's emulators. The person signs up
// over HTTP; their faxes are seeded straight into DynamoDB Local with batch writes, metadata only
// (the export holds each fax's link, never its document, so no S3 object is read or seeded). The
// figures: the export's time, its AWS calls per fax (counted on the shared DynamoDB and S3
// clients), and the peak RSS and heap above where they stood before it (sampled every 5 ms).
import { performance } from 'node:perf_hooks';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { monotonicFactory } from 'ulid';
import { EXPORT_BUCKET_NAME, TABLE_NAME as tableName } from '../../infra/local/provision';
import { loginDirectory } from '../../shared/adapters/cognito/login-directory';
import { DynamoAccountStore } from '../../shared/adapters/dynamo/account-store';
import { tablePersonalData } from '../../shared/adapters/dynamo/person-data';
import { S3ExportStore } from '../../shared/adapters/s3/export-store';
import { personEmailHash } from '../../shared/pseudonyms';
import { EnvNames } from '../../shared/config';
import { expiryOf } from '../../shared/faxes/fax';
import { exportPersonalData, loginSource } from '../../shared/rights/export';
import { exportKeyOf } from '../../shared/rights/export-link';
import type { RightsRequest } from '../../shared/rights/request';
import { localPseudonymiser } from '../../infra/local/runtime';
import { addNumbersBody, signUpForm } from './events';
import { inProcessRuntime } from './in-process-runtime';
import { batchWrite } from './inbox-pages';
import { formatTable, ms } from './report';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { s3Client } from '../../shared/adapters/s3/client';
import { sentCalls } from './sent-calls';

export interface ExportBenchOptions {
  faxes: number;
  progress(line: string): void;
}

export interface ExportBenchResult {
  faxes: number;
  exportMs: number;
  exportBytes: number;
  awsCalls: { dynamodb: number; s3: number; total: number; perFax: number };
  /** Above the process's level right before the export. */
  peakRssMiB: number;
  peakHeapMiB: number;
}

const MIB = 1024 * 1024;



const post = async (url: string, json: unknown, token?: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(json),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname} answered ${response.status}`);
  return body;
};

/** Samples the process's memory until stopped: the peaks above the level at the start. */
export const memoryPeaks = () => {
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  }, 5);
  return () => {
    clearInterval(timer);
    return { rssMiB: (rss - start.rss) / MIB, heapMiB: (heap - start.heapUsed) / MIB };
  };
};

export const runExportBench = async ({ faxes, progress }: ExportBenchOptions): Promise<ExportBenchResult> => {
  progress('export: the local runtime in this process…');
  const runtime = await inProcessRuntime();
  const form = signUpForm(Date.now() % 10_000_000, 'bench-export');
  const admin = (await post(`${runtime.url}/_local/token`, { email: 'bench-admin@acme.test', groups: ['admin'] })) as { token: string };
  await post(`${runtime.url}/admin/numbers`, addNumbersBody([form.faxNumber]), admin.token);
  const { accountId } = (await post(`${runtime.url}/accounts`, form)) as { accountId: string };

  progress(`export: seeding ${faxes} faxes of one account (batch writes, metadata only)…`);
  const nextUlid = monotonicFactory();
  const receivedAt = Date.now() - 24 * 60 * 60 * 1000;
  await batchWrite(
    tableName,
    Array.from({ length: faxes }, (_, index) => {
      const faxId = `fax_${nextUlid(receivedAt + index)}`;
      return {
        PK: `ACCOUNT#${accountId}`, SK: `FAX#${faxId}`, type: 'fax', faxId, accountId, from: '+15559870000', to: form.faxNumber, remoteStationId: 'ACME FAX',
        pages: 2, contentType: 'application/pdf', sizeBytes: 64, receivedAt: new Date(receivedAt + index).toISOString(), acceptedAt: new Date(receivedAt + index).toISOString(),
        expiresAt: expiryOf(new Date(receivedAt + index)).toISOString(), documentKey: `faxes/${faxId}`,
      };
    }),
  );

  process.env[EnvNames.userPoolId] = runtime.userPool.id;
  const pseudonymiser = localPseudonymiser();
  const request: RightsRequest = {
    requestId: `rrq_${nextUlid()}`, type: 'access', status: 'in_progress', email: form.email, emailHash: await personEmailHash(pseudonymiser, form.email),
    createdAt: new Date().toISOString(), dueAt: new Date().toISOString(),
  };
  const fulfil = exportPersonalData({
    accounts: new DynamoAccountStore(documentClient, tableName),
    // The request as filed (the bench stores none): read again after the export, its requester still there.
    requests: { get: async () => request },
    pseudonymiser,
    sources: { ...tablePersonalData(documentClient, tableName), userPoolLogins: loginSource(loginDirectory()) },
    exports: new S3ExportStore(s3Client, EXPORT_BUCKET_NAME),
    apiUrl: runtime.url,
  });

  progress('export: exporting…');
  global.gc?.();
  const before = { ...sentCalls };
  const peaks = memoryPeaks();
  const started = performance.now();
  await fulfil(request, 'bench-export');
  const exportMs = performance.now() - started;
  const { rssMiB, heapMiB } = peaks();
  const calls = { dynamodb: sentCalls.dynamodb - before.dynamodb, s3: sentCalls.s3 - before.s3 };

  // What was written is the whole export: every fax in it.
  const object = await s3Client.send(new GetObjectCommand({ Bucket: EXPORT_BUCKET_NAME, Key: exportKeyOf(request.requestId) }));
  const text = await object.Body!.transformToString();
  const exported = JSON.parse(text) as { data: { fax: unknown[] } };
  if (exported.data.fax.length !== faxes) throw new Error(`export: ${exported.data.fax.length} faxes exported, not ${faxes}`);
  return {
    faxes,
    exportMs,
    exportBytes: Buffer.byteLength(text),
    awsCalls: { ...calls, total: calls.dynamodb + calls.s3, perFax: (calls.dynamodb + calls.s3) / faxes },
    peakRssMiB: rssMiB,
    peakHeapMiB: heapMiB,
  };
};

/** The measurement's section of the bench report, beside the previous run's figures. */
export const exportReport = (result: ExportBenchResult, previous: ExportBenchResult | undefined): string => {
  const row = (run: string, figures: ExportBenchResult) => [
    run,
    String(figures.faxes),
    ms(figures.exportMs),
    (figures.exportBytes / MIB).toFixed(1),
    String(figures.awsCalls.dynamodb),
    String(figures.awsCalls.s3),
    figures.awsCalls.perFax.toFixed(4),
    figures.peakRssMiB.toFixed(1),
    figures.peakHeapMiB.toFixed(1),
  ];
  return [
    '## Access export of a person with many faxes (the export use case and its adapters, this process, against the emulators)',
    '',
    `One customer with ${result.faxes} faxes (metadata seeded by batch writes; documents are linked, not read). AWS calls counted on the ` +
      'shared DynamoDB and S3 clients (the login is one more Cognito call); peak RSS and heap above their level right before the export.',
    '',
    formatTable(
      ['run', 'faxes', 'export ms', 'export MiB', 'DynamoDB calls', 'S3 calls', 'calls per fax', 'peak RSS +MiB', 'peak heap +MiB'],
      [row('this run', result), ...(previous ? [row('previous', previous)] : [])],
      [false, true, true, true, true, true, true, true, true],
    ),
  ].join('\n');
};
