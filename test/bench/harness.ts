// Runs inside a fresh Node process, the way the Lambda runtime would: import the bundle (init),
// then hand it events one by one (the first one is the cold invocation). Node built-ins only, so
// the harness itself costs next to nothing; bundled by the bench into its temp directory.
//
//   node harness.mjs <bundle.mjs> '<JSON array of events>' [timeout ms]
//
// Prints one line, RESULT_PREFIX then JSON: { bootMs, initMs, initCpuMs, invocations: [{ ms, statusCode, body, result? }] };
// the function's own stdout lines (EMF metrics) come before it.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { RESULT_PREFIX } from './harness-protocol';

export interface HarnessInvocation {
  ms: number;
  statusCode: number | undefined;
  body: string | undefined;
  /** What a non-HTTP handler answered (an SQS batch response, a job's summary). */
  result?: unknown;
}

export interface HarnessResult {
  /** From process start to the first line of the harness: Node's own bootstrap. */
  bootMs: number;
  /** `await import(bundle)`: parsing and evaluating the bundle, its top-level code included. */
  initMs: number;
  /** The CPU time (user + system) of that import: steadier than `initMs` on a busy machine. */
  initCpuMs: number;
  invocations: HarnessInvocation[];
}

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number; body?: unknown } | undefined>;

const bootMs = performance.now();

const lambdaContext = (requestId: string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bench';
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${name}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

const main = async (): Promise<HarnessResult> => {
  const [bundle, eventsJson, timeoutArgument] = process.argv.slice(2);
  if (!bundle || !eventsJson) throw new Error('usage: harness.mjs <bundle.mjs> <events JSON> [timeout ms]');
  // The function's configured timeout: what getRemainingTimeInMillis counts down from.
  const timeoutMs = Number(timeoutArgument ?? 30_000);
  const events = JSON.parse(eventsJson) as { requestContext?: { requestId?: string } }[];

  const importStart = performance.now();
  const cpuStart = process.cpuUsage();
  const { handler } = (await import(pathToFileURL(bundle).href)) as { handler?: Handler };
  const initMs = performance.now() - importStart;
  const cpu = process.cpuUsage(cpuStart);
  const initCpuMs = (cpu.user + cpu.system) / 1000;
  if (typeof handler !== 'function') throw new Error(`${bundle} exports no handler`);

  const invocations: HarnessInvocation[] = [];
  for (const [index, event] of events.entries()) {
    const context = lambdaContext(event.requestContext?.requestId ?? `bench-${index}`, timeoutMs);
    const start = performance.now();
    const response = await handler(event, context);
    const ms = performance.now() - start;
    invocations.push(
      typeof response?.statusCode === 'number'
        ? { ms, statusCode: response.statusCode, body: typeof response.body === 'string' ? response.body : undefined }
        : { ms, statusCode: undefined, body: undefined, result: response },
    );
  }
  return { bootMs, initMs, initCpuMs, invocations };
};

main().then(
  (result) => process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(0)),
  (error: unknown) => {
    process.stderr.write(`harness: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
