import { freePort } from '../../infra/local/ports';
import { LOCAL_HASH_KEY, startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';
import { GATEWAY_WEBHOOK_SECRET } from './events';

// The measurements that count the functions' own AWS calls (inbox pages, export, erasure) run the
// local runtime in the bench's process. One runtime serves them all: the functions' AWS clients
// are made when their modules load, bound to the first runtime's emulators, so a second runtime in
// the same process left them calling stopped ports (the export after the inbox pages got a 500).

let started: Promise<LocalRuntime> | undefined;

/** The local runtime in this process, on free ports, its functions sharing this process's AWS clients; started on first use. */
export const inProcessRuntime = (): Promise<LocalRuntime> =>
  (started ??= (async () => {
    // The functions log at INFO locally; their lines would land in the bench's report on stdout.
    process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
    return startLocalRuntime({
      port: await freePort(),
      emulatorPorts: { dynamodb: await freePort(), s3: await freePort(), sqs: await freePort(), ses: await freePort(), cognito: await freePort() },
      gatewayWebhookSecret: GATEWAY_WEBHOOK_SECRET,
      corsOrigins: [], // no browser calls the bench
      hashKey: LOCAL_HASH_KEY,
    });
  })());

/** Ends the in-process runtime, if one was started: at the end of the run, on Ctrl-C or a failure elsewhere. */
export const stopInProcessRuntime = async (): Promise<void> => {
  const runtime = started;
  started = undefined;
  await (await runtime?.catch(() => undefined))?.stop();
};
