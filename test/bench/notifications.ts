// The policy notices' fan-out at scale (issue 16's bench): the planner and the sender use cases with
// their deployed adapters, in this process, against the local runtime's emulators. Accounts are
// seeded straight into DynamoDB Local (batch writes: the account item with its notifiable index
// entry, as an activated account stands); a version is stored as published; the planner pages the
// index onto a queue of the bench's own (the runtime's poller does not read it), then bench
// consumers handle its messages one at a time, as Lambda would, through the sender, the email
// pipeline's use case and the SES emulator. The figures: accounts a second planned and sent, the
// functions' AWS calls per account (DynamoDB and SQS on the shared clients, SES sends counted at the
// sender port; the Lambda poller's receives and deletes are not the functions' calls), and the peak
// RSS and heap above their level before each phase (sampled every 5 ms).
import { performance } from 'node:perf_hooks';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { policyNoticesV1 } from '../../events/policy-notices';
import { localPseudonymiser } from '../../infra/local/runtime';
import { TABLE_NAME as tableName } from '../../infra/local/provision';
import { notifiablePartition } from '../../shared/adapters/dynamo/account-store';
import { documentClient } from '../../shared/adapters/dynamo/client';
import { DynamoEmailDeliveries, DynamoSuppressionList } from '../../shared/adapters/dynamo/email-stores';
import { DynamoNoticeRecords, DynamoNotifiableAccounts, DynamoPolicyStore, dynamoNoticeTargets } from '../../shared/adapters/dynamo/policy-store';
import { shardOf } from '../../shared/adapters/dynamo/shards';
import { emailSender } from '../../shared/adapters/ses/email-sender';
import { SqsNoticeQueue } from '../../shared/adapters/sqs/policy-notice-queue';
import { sqsClient } from '../../shared/adapters/sqs/queue-sender';
import { EnvNames } from '../../shared/config';
import { NOTIFIABLE_SHARDS } from '../../shared/policies/fan-out';
import { sendNotices } from '../../shared/policies/notices';
import { Pacer } from '../../shared/policies/pacing';
import { planVersion } from '../../shared/policies/planner';
import { account } from '../support/accounts';
import { memoryPeaks } from './export';
import { inProcessRuntime } from './in-process-runtime';
import { batchWrite } from './inbox-pages';
import { formatTable, ms } from './report';
import { sentCalls } from './sent-calls';

export interface NotificationsBenchOptions {
  accounts: number;
  /** Consumers handling messages at once (the sender's concurrency). */
  consumers: number;
  progress(line: string): void;
}

interface Phase {
  ms: number;
  perSecond: number;
  awsCalls: { dynamodb: number; sqs: number; ses: number; perAccount: number };
  peakRssMiB: number;
  peakHeapMiB: number;
}

export interface NotificationsBenchResult {
  accounts: number;
  consumers: number;
  messages: number;
  plan: Phase;
  send: Phase;
  counters: { planned: number; sent: number; skipped: number; failed: number };
}

const VERSION = '2098-01';
const sqsCalls = { count: 0 };
sqsClient.middlewareStack.add(
  ((next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
    sqsCalls.count += 1;
    return next(args);
  }) as never,
  { step: 'initialize', name: 'benchSqsCallCounter' },
);

/** Runs `work`, measuring its time, the calls it sent and its memory peaks. */
const measured = async (accounts: number, sesSends: () => number, work: () => Promise<void>): Promise<Phase> => {
  global.gc?.();
  const before = { dynamodb: sentCalls.dynamodb, sqs: sqsCalls.count, ses: sesSends() };
  const peaks = memoryPeaks();
  const started = performance.now();
  await work();
  const elapsed = performance.now() - started;
  const { rssMiB, heapMiB } = peaks();
  const calls = { dynamodb: sentCalls.dynamodb - before.dynamodb, sqs: sqsCalls.count - before.sqs, ses: sesSends() - before.ses };
  return {
    ms: elapsed,
    perSecond: accounts / (elapsed / 1000),
    awsCalls: { ...calls, perAccount: (calls.dynamodb + calls.sqs + calls.ses) / accounts },
    peakRssMiB: rssMiB,
    peakHeapMiB: heapMiB,
  };
};

export const runNotificationsBench = async ({ accounts, consumers, progress }: NotificationsBenchOptions): Promise<NotificationsBenchResult> => {
  progress('notifications: the local runtime in this process…');
  const runtime = await inProcessRuntime();
  // The bench's own queue: the runtime polls only the queues the stacks declare.
  const poller = new SQSClient({ endpoint: runtime.endpoints.sqs });
  const { QueueUrl: queueUrl } = await poller.send(new CreateQueueCommand({ QueueName: `bench-policy-notices-${Date.now()}`, Attributes: { VisibilityTimeout: '1800' } }));

  progress(`notifications: seeding ${accounts} active accounts (batch writes, with their notifiable index entries)…`);
  const seedStamp = Date.now().toString(36).toUpperCase().padStart(10, '0');
  await batchWrite(
    tableName,
    Array.from({ length: accounts }, (_, index) => {
      const accountId = `acc_${seedStamp}${String(index).padStart(16, '0')}`;
      const item = account({ accountId, email: `bench.notice.${index}@acme.test`, faxNumber: `+1556${String(index).padStart(7, '0')}`, referralCode: `R${index}` });
      return { PK: `ACCOUNT#${accountId}`, SK: 'PROFILE', type: 'account', ...item, GSI1PK: notifiablePartition(shardOf(accountId, NOTIFIABLE_SHARDS)), GSI1SK: accountId };
    }),
  );
  const effectiveAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: { PK: 'POLICY#VERSIONS', SK: `VERSION#${VERSION}`, type: 'policy_version', version: VERSION, effectiveAt, summary: 'Faxes are kept 60 days.', kind: 'policy_change', publishedAt: new Date().toISOString(), planCursors: {}, planDone: {}, planned: 0 },
    }),
  );

  const policies = new DynamoPolicyStore(documentClient, tableName);
  const queue = new SqsNoticeQueue(sqsClient, queueUrl!);
  progress('notifications: planning…');
  let messages = 0;
  const plan = await measured(accounts, () => 0, async () => {
    const outcome = await planVersion({ plans: policies, index: new DynamoNotifiableAccounts(documentClient, tableName), queue }, VERSION, () => true);
    if (outcome.status !== 'finished' || outcome.planned !== accounts) throw new Error(`notifications: the plan ${outcome.status} with ${outcome.planned} planned`);
    messages = Math.ceil(accounts / 50);
  });

  process.env[EnvNames.emailSender] = 'no-reply@fax.local';
  process.env[EnvNames.emailConfigurationSet] = 'fax-backend-local';
  const ses = emailSender();
  let sesSends = 0;
  const pipeline = {
    deliveries: new DynamoEmailDeliveries(documentClient, tableName),
    suppressions: new DynamoSuppressionList(documentClient, tableName),
    pseudonymiser: localPseudonymiser(),
    sender: { send: async (...args: Parameters<typeof ses.send>) => ((sesSends += 1), ses.send(...args)) },
  };
  const senderDeps = {
    versions: policies,
    targets: dynamoNoticeTargets(documentClient, tableName),
    records: new DynamoNoticeRecords(documentClient, tableName),
    pipeline,
    // Unpaced: the bench measures how fast the code goes, not the quota.
    pacer: new Pacer(Number.MAX_SAFE_INTEGER),
    apiUrl: runtime.url,
  };
  progress(`notifications: sending through the SES emulator (${consumers} consumers, one message at a time each)…`);
  let handled = 0;
  const consume = async () => {
    while (handled < messages) {
      const { Messages = [] } = await poller.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const message of Messages) {
        const body = policyNoticesV1.parse(JSON.parse(message.Body!));
        if (body.type !== 'policy-notices.send') throw new Error('notifications: a plan message on the bench queue');
        await sendNotices(senderDeps, body, Number.POSITIVE_INFINITY);
        await poller.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
        handled += 1;
        if (handled % 200 === 0) progress(`notifications: ${handled * 50} of ${accounts} accounts handled…`);
      }
    }
  };
  const send = await measured(accounts, () => sesSends, async () => {
    await Promise.all(Array.from({ length: consumers }, consume));
  });
  const counters = (await policies.counters(VERSION))!;
  if (counters.sent !== accounts || counters.planned !== accounts) throw new Error(`notifications: ${JSON.stringify(counters)} for ${accounts} accounts`);
  poller.destroy();
  return { accounts, consumers, messages, plan, send, counters };
};

/** The measurement's section of the bench report. */
export const notificationsReport = (result: NotificationsBenchResult): string => {
  const row = (phase: string, figures: Phase) => [
    phase,
    ms(figures.ms),
    figures.perSecond.toFixed(0),
    String(figures.awsCalls.dynamodb),
    String(figures.awsCalls.sqs),
    String(figures.awsCalls.ses),
    figures.awsCalls.perAccount.toFixed(3),
    figures.peakRssMiB.toFixed(1),
    figures.peakHeapMiB.toFixed(1),
  ];
  return [
    '## Policy notices to every account (the planner and the sender with their adapters, this process, against the emulators)',
    '',
    `${result.accounts} active accounts seeded in DynamoDB Local; ${result.messages} messages of 50; ${result.consumers} consumers sending unpaced through the SES emulator. ` +
      `Counters at the end: ${JSON.stringify(result.counters)}. Calls are the functions' own (DynamoDB, SQS SendMessageBatch, SES SendEmail); peaks above the level before each phase.`,
    '',
    formatTable(
      ['phase', 'ms', 'accounts/s', 'DynamoDB calls', 'SQS calls', 'SES calls', 'calls per account', 'peak RSS +MiB', 'peak heap +MiB'],
      [row('plan', result.plan), row('send', result.send)],
      [false, true, true, true, true, true, true, true, true],
    ),
  ].join('\n');
};
