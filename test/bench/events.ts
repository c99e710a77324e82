import { randomUUID } from 'node:crypto';
import type { AccountCreatedV1 } from '../../events/account-created';
import type { EmailRequestedV1 } from '../../events/email-requested';
import type { FaxAcceptedV1 } from '../../events/fax-accepted';
import type { PolicyNoticesV1 } from '../../events/policy-notices';
import type { ReferralCreatedV1 } from '../../events/referral-created';
import type { RightsRequestVerifiedV1 } from '../../events/rights-request-verified';
import type { FunctionDeclaration, QueueTrigger, ScheduleTrigger } from '../../functions/declaration';
import { localPseudonymiser } from '../../infra/local/runtime';
import { scheduledEvent } from '../../infra/local/schedules';
import { signCommunicationLink } from '../../shared/communications/links';
import type { HttpEvent, HttpTrigger } from '../../shared/http/types';
import { MINIMUM_FEE_CENTS, type LegalKind } from '../../shared/legal/rules';
import { personEmailHash } from '../../shared/pseudonyms';
import { sign } from '../../shared/webhooks/standard-webhooks';
import type { HarnessInvocation } from './harness';

// Realistic events for every kind of trigger, one scenario per function: API Gateway HTTP API
// (payload 2.0) requests, gateway deliveries signed like a fax gateway signs them, SQS batches
// of the event contract a queue carries, and EventBridge scheduled events. Each scenario takes
// the function's success path, so the bench measures the work a real request does (its first
// DynamoDB / S3 / SQS calls included), never an early error.

/** API.md's documented local gateway secret: what `npm start` verifies gateway signatures with. */
export const GATEWAY_WEBHOOK_SECRET = 'whsec_bG9jYWwtZGV2LWdhdGV3YXktc2VjcmV0LTAwMDE=';

/** The sender of every fax the bench sends; never one the scenarios block. */
const SENDER_FAX_NUMBER = '+15559870000';

export interface BenchAccount {
  accountId: string;
  email: string;
  faxNumber: string;
}

/** What one invocation must answer for the bench to count it: anything else is an error path. */
export type Expectation =
  | { kind: 'http'; status: number }
  /** An SQS consumer's partial batch response, with every record handled. */
  | { kind: 'batch' }
  /** A scheduled job's summary object, with these fields. */
  | { kind: 'summary'; fields: readonly string[] };

export interface Scenario {
  event: unknown;
  expect: Expectation;
}

/** What the scenarios consume, one item per run; the bench seeds enough of each before measuring. */
export interface Fresh {
  /** An account nobody else uses, for a function that changes it for good (deactivation). */
  account: BenchAccount;
  /** A fax of the seeded account's inbox nobody else uses (deletion). */
  deliveredFax: string;
  /** A `fax.accepted` message whose document is stored and whose fax is not delivered yet. */
  acceptedMessage: FaxAcceptedV1;
  /** A sender the seeded account has blocked, for unblocking. */
  blockedNumber: string;
  /** A fax number of the inventory, available, for a sign-up. */
  availableNumber: string;
  /** A complaint of the seeded account, verified at once by its token and not fulfilled yet. */
  verifiedRightsRequest: string;
  /** A civil subpoena of the legal subject awaiting its fee: payable, or closed by an objection or a rejection. */
  awaitingFeeLegalRequest: string;
  /** A legal request of the legal subject ready for production: under the customer's consent (no notice owed), its fee paid. */
  readyLegalRequest: string;
  /** An active account with a referral left today: each account is in the pool once per referral of its daily allowance. */
  referrer: BenchAccount;
  /** The one-click unsubscribe token (opt out of all) of an account nobody else uses, not opted out yet. */
  unsubscribeToken: string;
  /** A referral opt-out token of an email nobody opted out yet. */
  referralOptOutToken: string;
}
export type FreshKind = keyof Fresh;

export interface ScenarioContext {
  /** The account the customer routes act as, and the fax number gateway faxes go to; created before measuring. */
  seeded: BenchAccount;
  /** A fax in the seeded account's inbox, delivered before measuring (read, never deleted). */
  seededFaxId: string;
  /**
   * Whom the legal requests are about: an active account of its own with delivered faxes, which
   * nothing else touches (the requests hold its faxes, which its customer then cannot delete).
   */
  legalSubject: BenchAccount;
  /** A produced legal request of the legal subject (read, never changed), and its production link's token. */
  seededProduction: { legalRequestId: string; token: string };
  /** The message of an invited referral of the seeded account: handled again, it asks for the same email (sent once). */
  seededReferral: ReferralCreatedV1;
  /** The seeded account's one-click unsubscribe token, for previews (a GET changes nothing). */
  seededUnsubscribeToken: string;
  take<K extends FreshKind>(kind: K): Fresh[K];
  /** A number unique within this bench run, for unique emails, fax numbers, ids and paths. */
  serial(): number;
}

const httpTriggerOf = (declaration: FunctionDeclaration): HttpTrigger => {
  if (declaration.trigger.kind !== 'http') throw new Error(`${declaration.name} has no HTTP trigger`);
  return declaration.trigger;
};

const queueTriggerOf = (declaration: FunctionDeclaration): QueueTrigger => {
  if (declaration.trigger.kind !== 'queue') throw new Error(`${declaration.name} has no queue trigger`);
  return declaration.trigger;
};

const scheduleTriggerOf = (declaration: FunctionDeclaration): ScheduleTrigger => {
  if (declaration.trigger.kind !== 'schedule') throw new Error(`${declaration.name} has no schedule trigger`);
  return declaration.trigger;
};

export interface EventParts {
  method?: string;
  /** Path parameters of the declared route; the request path is the route path filled with them. */
  pathParameters?: Record<string, string>;
  /** A catch-all request's own path. */
  path?: string;
  query?: Record<string, string>;
  /** A JSON value, or the raw text to send as is. */
  body?: unknown;
  caller?: BenchAccount;
  /** An administrator's call (a token of the `admin` group). */
  admin?: boolean;
  headers?: Record<string, string>;
  /** The caller's address (default: one documentation address for every request). */
  sourceIp?: string;
}

const BENCH_SOURCE_IP = '198.51.100.7';

/** The event API Gateway hands a function for a request on its declared route. */
export const httpEvent = (declaration: FunctionDeclaration, parts: EventParts = {}): HttpEvent => {
  const trigger = httpTriggerOf(declaration);
  const method = parts.method ?? trigger.method;
  const pathParameters = parts.pathParameters ?? {};
  const path =
    parts.path ??
    trigger.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = pathParameters[name];
      if (value === undefined) throw new Error(`${declaration.name}: no value for path parameter ${name}`);
      return encodeURIComponent(value);
    });
  const routeKey = trigger.path === '$default' ? '$default' : `${trigger.method} ${trigger.path}`;
  const body = parts.body === undefined ? undefined : typeof parts.body === 'string' ? parts.body : JSON.stringify(parts.body);
  const query = parts.query ?? {};
  const rawQueryString = new URLSearchParams(query).toString();
  const requestId = randomUUID();
  const now = new Date();
  const sourceIp = parts.sourceIp ?? BENCH_SOURCE_IP;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString,
    headers: {
      accept: 'application/json',
      host: 'api.example.test',
      'user-agent': 'fax-backend-bench',
      'x-amzn-trace-id': `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)}`,
      'x-forwarded-for': sourceIp,
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...(parts.caller || parts.admin ? { authorization: 'Bearer (verified by the JWT authorizer)' } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
      ...parts.headers,
    },
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp, userAgent: 'fax-backend-bench' },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(parts.caller || parts.admin
        ? {
            authorizer: {
              jwt: {
                claims: parts.caller
                  ? { sub: randomUUID(), email: parts.caller.email, 'custom:accountId': parts.caller.accountId }
                  : { sub: randomUUID(), email: 'bench-admin@acme.test', 'cognito:groups': '[admin]' },
                scopes: [],
              },
            },
          }
        : {}),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  } as HttpEvent;
};

/** The Standard Webhooks headers a gateway sends with `body`, signed now with the local secret. */
export const webhookHeaders = (webhookId: string, body: string, secret = GATEWAY_WEBHOOK_SECRET): Record<string, string> => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': timestamp,
    'webhook-signature': sign(secret, webhookId, timestamp, Buffer.from(body)),
  };
};

/** A gateway's signed request to a gateway route (no JWT: the function verifies the signature). */
export const gatewayEvent = (declaration: FunctionDeclaration, payload: unknown, webhookId = `msg_${randomUUID()}`): HttpEvent => {
  const body = JSON.stringify(payload);
  return httpEvent(declaration, { body, headers: { 'user-agent': 'fax-gateway-bench/1.0', ...webhookHeaders(webhookId, body) } });
};

/** A minimal PDF: the magic bytes the ingest checks, padded to `size`. */
const pdfBytes = (size = 2048): Buffer => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(Math.max(0, size - 9), 0x20)]);

/** The gateway's inbound-fax event of API.md, to `to`, with an inline PDF and a unique gateway event id. */
export const inboundFax = (to: string, serial: number) => ({
  eventId: `gw-evt-bench-${serial}-${randomUUID()}`,
  from: SENDER_FAX_NUMBER,
  to,
  remoteStationId: 'ACME FAX',
  receivedAt: new Date().toISOString(),
  pages: 2,
  document: { contentType: 'application/pdf', contentBase64: pdfBytes().toString('base64') },
});

/** The SQS event Lambda's event source mapping hands a consumer: one record per message. */
export const sqsEvent = (declaration: FunctionDeclaration, messages: readonly unknown[]) => {
  const { queue } = queueTriggerOf(declaration);
  const now = Date.now();
  return {
    Records: messages.map((message) => {
      const body = JSON.stringify(message);
      return {
        messageId: randomUUID(),
        receiptHandle: `bench-${randomUUID()}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(now - 40),
          SenderId: 'AROAEXAMPLEBENCH:ingest-fax',
          ApproximateFirstReceiveTimestamp: String(now - 20),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${queue}`,
        awsRegion: 'us-east-1',
      };
    }),
  };
};

/** The event a scheduled rule hands a job, as the local runtime builds it. */
const scheduledEventFor = (declaration: FunctionDeclaration) => scheduledEvent(scheduleTriggerOf(declaration).schedule);

/** A fax number unique to `serial`: one of the service's own once the inventory has it (`addNumbersBody`). */
export const benchFaxNumber = (serial: number): string => `+1555${String(serial).padStart(7, '0')}`;

/** The body of `POST /admin/numbers` adding `numbers` to the inventory. */
export const addNumbersBody = (numbers: readonly string[]) => ({ numbers: [...numbers] });

/**
 * The Account Set-Up Form of API.md, with an email unique to `serial` and the fax number `faxNumber`
 * (unique to `serial` by default), which must be in the inventory for the sign-up to succeed.
 */
export const signUpForm = (serial: number, prefix = 'bench', faxNumber = benchFaxNumber(serial)) => ({
  company: 'Acme Dental',
  contactName: 'Ana Ruiz',
  phone: '+15551230000',
  email: `${prefix}-${serial}@acme.test`,
  faxNumber,
  attestation: { adultOrBusiness: true },
  consents: { terms: true, marketing: false, privacyPolicyVersion: '2026-01' },
  billing: { processorToken: 'pm_abc123', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
});

/** A sender number unique to `serial`, far from the fax numbers and the bench's own sender. */
export const senderNumber = (serial: number): string => `+1666${String(serial).padStart(7, '0')}`;

/** A friend's email unique to `serial`: one the bench invites, or whose invitations it opts out of. */
export const friendEmail = (serial: number): string => `bench.friend.${serial}@acme.test`;

/** The body of `POST /referrals` inviting the friend of `serial`. */
export const referralForm = (serial: number) => ({ friendName: 'Bo Friend', friendEmail: friendEmail(serial) });

/** The one-click unsubscribe token (opt out of all) of `accountId`, signed as a notice's link is, under the key the bench provisions. */
export const unsubscribeTokenOf = (accountId: string): Promise<string> => signCommunicationLink(localPseudonymiser(), { choice: 'opt_out_all', accountId });

/** The referral opt-out token of `email`, signed as an invitation's link is, under the key the bench provisions. */
export const referralOptOutTokenOf = async (email: string): Promise<string> =>
  signCommunicationLink(localPseudonymiser(), { choice: 'referral_opt_out', emailHash: await personEmailHash(localPseudonymiser(), email) });

/** RFC 8058's one-click body, as mail providers POST it. */
const ONE_CLICK_FORM = 'List-Unsubscribe=One-Click';

/**
 * The body of `POST /admin/legal-requests` of API.md about `subject`, named by fax number, with a
 * requester unique to `serial`: a civil subpoena by default (the customer is told; the faxes'
 * content is withheld), or a request under the customer's written consent (nothing withheld, no notice).
 */
export const legalRequestBody = (subject: BenchAccount, serial: number, kind: Extract<LegalKind, 'civil_subpoena' | 'customer_consent'> = 'civil_subpoena') => ({
  kind,
  receivedInWriting: true,
  requester: { name: 'Pat Counsel', organization: 'Counsel & Co', email: `counsel.${serial}@law.test`, address: '1 Court St, Denver CO 80202' },
  subject: { faxNumber: subject.faxNumber },
  scope: { categories: ['account', 'billing', 'fax_metadata', 'fax_content'] },
  documentRefs: [kind === 'civil_subpoena' ? 'subpoena.pdf' : 'request.pdf'],
  ...(kind === 'customer_consent' ? { consentDocumentRef: 'consent.pdf' } : {}),
});

/** The body of `POST /admin/legal-requests/{id}/fee`: the least fee. */
export const legalFeeBody = { amountCents: MINIMUM_FEE_CENTS };

/** Why an invocation does not meet its expectation, or undefined when it does. */
export const mismatch = (expectation: Expectation, invocation: HarnessInvocation | undefined): string | undefined => {
  if (!invocation) return 'no invocation';
  switch (expectation.kind) {
    case 'http':
      return invocation.statusCode === expectation.status
        ? undefined
        : `expected ${expectation.status}, got ${invocation.statusCode}; body: ${invocation.body ?? '(none)'}`;
    case 'batch': {
      const result = invocation.result as { batchItemFailures?: unknown } | undefined;
      return Array.isArray(result?.batchItemFailures) && result.batchItemFailures.length === 0
        ? undefined
        : `expected { batchItemFailures: [] }, got ${JSON.stringify(invocation.result)}`;
    }
    case 'summary': {
      const result = invocation.result as Record<string, unknown> | undefined;
      const missing = expectation.fields.filter((field) => result?.[field] === undefined);
      return typeof result === 'object' && result !== null && invocation.statusCode === undefined && missing.length === 0
        ? undefined
        : `expected a summary with ${expectation.fields.join(', ')}, got ${JSON.stringify(invocation.result ?? invocation.body)}`;
    }
  }
};

interface ScenarioSpec {
  build(declaration: FunctionDeclaration, context: ScenarioContext): Scenario;
  /** What one run consumes; the bench seeds it before measuring. */
  fresh?: Partial<Record<FreshKind, number>>;
}

const http = (status: number): Expectation => ({ kind: 'http', status });

const scenarios: Record<string, ScenarioSpec> = {
  health: { build: (declaration) => ({ event: httpEvent(declaration), expect: http(200) }) },
  openapi: { build: (declaration) => ({ event: httpEvent(declaration), expect: http(200) }) },
  'not-found': {
    build: (declaration, { serial }) => ({
      event: httpEvent(declaration, { method: 'GET', path: `/no-such-route/${serial()}` }),
      expect: http(404),
    }),
  },
  // accounts
  // A number of the inventory each run: a sign-up takes it for good.
  'create-account': {
    build: (declaration, { serial, take }) => ({
      event: httpEvent(declaration, { body: signUpForm(serial(), 'bench', take('availableNumber')) }),
      expect: http(201),
    }),
    fresh: { availableNumber: 1 },
  },
  'get-profile': { build: (declaration, { seeded }) => ({ event: httpEvent(declaration, { caller: seeded }), expect: http(200) }) },
  'update-profile': {
    build: (declaration, { seeded, serial }) => ({
      event: httpEvent(declaration, { caller: seeded, body: { contactName: `Ana Ruiz ${serial()}` } }),
      expect: http(200),
    }),
  },
  // Alternates the choice, so each run really writes (the profile and a consent record).
  'update-preferences': {
    build: (declaration, { seeded, serial }) => ({
      event: httpEvent(declaration, { caller: seeded, body: { marketingOptIn: serial() % 2 === 0 } }),
      expect: http(200),
    }),
  },
  // A fresh account each run, so every run deactivates (a repeat would answer 202 without writing).
  'deactivate-account': {
    build: (declaration, { take }) => ({ event: httpEvent(declaration, { caller: take('account') }), expect: http(202) }),
    fresh: { account: 1 },
  },
  // the number inventory: a new number each run, so every add really writes.
  'available-numbers': {
    build: (declaration) => ({ event: httpEvent(declaration, { query: { areaCode: '555', limit: '25' } }), expect: http(200) }),
  },
  'add-numbers': {
    build: (declaration, { serial }) => ({ event: httpEvent(declaration, { admin: true, body: addNumbersBody([benchFaxNumber(serial())]) }), expect: http(200) }),
  },
  'list-numbers': {
    build: (declaration) => ({ event: httpEvent(declaration, { admin: true, query: { status: 'assigned', limit: '25' } }), expect: http(200) }),
  },
  // No quarantine ended: the Query of the quarantined numbers, which is what each run costs.
  'number-quarantine': {
    build: (declaration) => ({ event: scheduledEventFor(declaration), expect: { kind: 'summary', fields: ['numbersReleased', 'releasedAt'] } }),
  },
  // faxes: a new delivery each run (a repeated webhook-id would take the short duplicate path).
  'ingest-fax': {
    build: (declaration, { seeded, serial }) => ({ event: gatewayEvent(declaration, inboundFax(seeded.faxNumber, serial())), expect: http(202) }),
  },
  'create-upload': {
    build: (declaration) => ({ event: gatewayEvent(declaration, { contentType: 'application/pdf', sizeBytes: 5 * 1024 * 1024 }), expect: http(201) }),
  },
  // A message of a fax not delivered yet, its document stored: the whole routing path, inbox write included.
  'deliver-fax': {
    build: (declaration, { take }) => ({ event: sqsEvent(declaration, [take('acceptedMessage')]), expect: { kind: 'batch' } }),
    fresh: { acceptedMessage: 1 },
  },
  'list-faxes': {
    build: (declaration, { seeded }) => ({ event: httpEvent(declaration, { caller: seeded, query: { limit: '25' } }), expect: http(200) }),
  },
  'get-fax': {
    build: (declaration, { seeded, seededFaxId }) => ({
      event: httpEvent(declaration, { caller: seeded, pathParameters: { faxId: seededFaxId } }),
      expect: http(200),
    }),
  },
  'get-fax-document': {
    build: (declaration, { seeded, seededFaxId }) => ({
      event: httpEvent(declaration, { caller: seeded, pathParameters: { faxId: seededFaxId } }),
      expect: http(200),
    }),
  },
  // A delivered fax of its own each run: a second delete of one fax would be a 404.
  'delete-fax': {
    build: (declaration, { seeded, take }) => ({
      event: httpEvent(declaration, { caller: seeded, pathParameters: { faxId: take('deliveredFax') } }),
      expect: http(204),
    }),
    fresh: { deliveredFax: 1 },
  },
  'list-blocked-senders': { build: (declaration, { seeded }) => ({ event: httpEvent(declaration, { caller: seeded }), expect: http(200) }) },
  'block-sender': {
    build: (declaration, { seeded, serial }) => ({
      event: httpEvent(declaration, { caller: seeded, pathParameters: { faxNumber: senderNumber(serial()) } }),
      expect: http(200),
    }),
  },
  // A sender blocked before measuring, so every run really deletes.
  'unblock-sender': {
    build: (declaration, { seeded, take }) => ({
      event: httpEvent(declaration, { caller: seeded, pathParameters: { faxNumber: take('blockedNumber') } }),
      expect: http(204),
    }),
    fresh: { blockedNumber: 1 },
  },
  'retention-sweep': {
    build: (declaration) => ({ event: scheduledEventFor(declaration), expect: { kind: 'summary', fields: ['faxesRemoved', 'uploadsRemoved', 'sweptAt'] } }),
  },
  // Nothing stranded: the scan of every shard of the pending index, which is what each run costs.
  'redrive-receipts': {
    build: (declaration) => ({ event: scheduledEventFor(declaration), expect: { kind: 'summary', fields: ['faxesRequeued', 'redrivenAt', 'signUpsRequeued'] } }),
  },
  // Nothing unproven for 7 days: the query of the unproven index, which is what each run costs.
  'signup-expiry': {
    build: (declaration) => ({ event: scheduledEventFor(declaration), expect: { kind: 'summary', fields: ['signUpsExpired', 'createdBefore'] } }),
  },
  // The account read and its outcome: until the user pool's adapter is wired, the login path
  // itself cannot run here, so each run names an account that is gone (read, nothing to do).
  'provision-login': {
    build: (declaration, { serial }) => ({
      event: sqsEvent(declaration, [{ type: 'account.created', version: 1, accountId: `acc_bench_gone_${serial()}` } satisfies AccountCreatedV1]),
      expect: { kind: 'batch' },
    }),
  },
  // The seeded account has no email change pending: the account read and the conditional count of
  // the attempt (refused), a 409. The success path needs a code only the email carries.
  // A public request (no token): the item written and the code emailed, every run.
  'create-rights-request': {
    build: (declaration, { serial }) => ({
      event: httpEvent(declaration, { body: { type: 'access', email: `bench.rights.${serial()}@acme.test` } }),
      expect: http(202),
    }),
  },
  // No such request: the read and the token check each run costs, answered as any stranger is (404).
  'verify-rights-request': {
    build: (declaration) => ({
      event: httpEvent(declaration, {
        pathParameters: { id: `rrq_${'0'.repeat(26)}` },
        headers: { 'x-request-token': randomUUID() },
        body: { code: '123456' },
      }),
      expect: http(404),
    }),
  },
  'get-rights-request': {
    build: (declaration) => ({
      event: httpEvent(declaration, { pathParameters: { id: `rrq_${'0'.repeat(26)}` }, headers: { 'x-request-token': randomUUID() } }),
      expect: http(404),
    }),
  },
  // A verified complaint each run: begun, its authorities answered, the requester emailed, completed.
  'fulfil-rights-request': {
    build: (declaration, { take }) => ({
      event: sqsEvent(declaration, [{ type: 'rights-request.verified', version: 1, requestId: take('verifiedRightsRequest') } satisfies RightsRequestVerifiedV1]),
      expect: { kind: 'batch' },
    }),
    fresh: { verifiedRightsRequest: 1 },
  },
  // A stored request: its item and its audit trail read.
  'get-admin-rights-request': {
    build: (declaration, { take }) => ({
      event: httpEvent(declaration, { admin: true, pathParameters: { id: take('verifiedRightsRequest') } }),
      expect: http(200),
    }),
    fresh: { verifiedRightsRequest: 1 },
  },
  // A public report by a new reporter each run (a new email from a new address: a reporter is
  // limited by both): the throttle's count, the sender's case read, the report, the reporter's
  // windows and the case in one transaction, the distinct count, a 202.
  'report-junk-fax': {
    build: (declaration, { serial }) => {
      const reporter = serial();
      return {
        event: httpEvent(declaration, {
          body: { senderFaxNumber: SENDER_FAX_NUMBER, reporterEmail: `bench.junk.${reporter}@acme.test`, description: 'Unsolicited offers' },
          sourceIp: `10.${(reporter >> 16) & 255}.${(reporter >> 8) & 255}.${reporter & 255}`,
        }),
        expect: http(202),
      };
    },
  },
  'list-junk-cases': {
    build: (declaration) => ({ event: httpEvent(declaration, { admin: true, query: { status: 'escalated' } }), expect: http(200) }),
  },
  // No such case: the index read each dismissal costs first, a 404.
  'dismiss-junk-case': {
    build: (declaration) => ({
      event: httpEvent(declaration, { admin: true, pathParameters: { caseId: `jfc_${'0'.repeat(26)}` }, body: { reason: 'Not junk: an expected delivery.' } }),
      expect: http(404),
    }),
  },
  // No such account: the account read each deactivation costs first, a 404.
  'admin-deactivate-account': {
    build: (declaration) => ({
      event: httpEvent(declaration, { admin: true, pathParameters: { accountId: `acc_${'0'.repeat(26)}` }, body: { reason: 'Junk faxes reported by many recipients.' } }),
      expect: http(404),
    }),
  },
  // Twelve closed months' rollups (seeded as usage-rollup stores them): the one Query of their partition.
  'usage-report': {
    build: (declaration) => ({ event: httpEvent(declaration, { admin: true, query: { by: 'month' } }), expect: http(200) }),
  },
  // Every closed month rolled up already (seeded): the query of the latest rollup, which is what each hourly run costs.
  'usage-rollup': {
    build: (declaration) => ({ event: scheduledEventFor(declaration), expect: { kind: 'summary', fields: ['rolledUp'] } }),
  },
  // Nothing past due: the queries of the open statuses' past-due ranges, which is what each run costs.
  'rights-deadlines': {
    build: (declaration) => ({ event: scheduledEventFor(declaration), expect: { kind: 'summary', fields: ['requestsMarkedOverdue', 'unverifiedRejected', 'checkedAt'] } }),
  },
  'list-rights-requests': {
    build: (declaration) => ({ event: httpEvent(declaration, { admin: true, query: { status: 'verified', overdue: 'true', limit: '25' } }), expect: http(200) }),
  },
  // No such request: the read each run costs, answered 404. The success path needs a verified
  // request per run, which no pool of the bench holds yet.
  'extend-rights-request': {
    build: (declaration) => ({
      event: httpEvent(declaration, { admin: true, pathParameters: { id: `rrq_${'0'.repeat(26)}` }, body: { reason: 'The archive takes longer to gather.' } }),
      expect: http(404),
    }),
  },
  // A well-formed link under no key of ours: the key read and the signature check each run costs,
  // answered 404 as any forged link (the bucket's HEAD and the presigning follow only a genuine one).
  'download-rights-export': {
    build: (declaration, { serial }) => ({
      event: httpEvent(declaration, {
        pathParameters: { id: `rrq_${String(serial()).padStart(26, '0')}` },
        query: { token: `${Math.floor(Date.now() / 1000) + 3600}.${'A'.repeat(43)}` },
      }),
      expect: http(404),
    }),
  },
  // A child's email the service does not know: the report is filed, verified and queued all the same.
  'create-child-data-report': {
    build: (declaration, { serial }) => ({
      event: httpEvent(declaration, { admin: true, body: { email: `bench.child.${serial()}@acme.test` } }),
      expect: http(202),
    }),
  },
  'verify-email': {
    build: (declaration, { seeded }) => ({ event: httpEvent(declaration, { caller: seeded, body: { code: '123456' } }), expect: http(409) }),
  },
  // email: a new message id and address each run, so every run claims, sends (to the SES emulator) and marks.
  'send-email': {
    build: (declaration, { serial }) => ({
      event: sqsEvent(declaration, [
        {
          type: 'email.requested',
          version: 1,
          messageId: `bench-${serial()}-${randomUUID()}`,
          to: `bench.${serial()}@acme.test`,
          template: 'email-change-code',
          params: { code: String(100_000 + serial()) },
        } satisfies EmailRequestedV1,
      ]),
      expect: { kind: 'batch' },
    }),
  },
  // A new version each run: its put and audit entry in one transaction, and its plan asked for (the
  // bench's queue keeps the message: no account is notified).
  'publish-policy': {
    build: (declaration, { serial }) => ({
      event: httpEvent(declaration, { admin: true, body: { version: `2097-01.${serial()}`, effectiveAt: '2099-01-01T00:00:00.000Z', summary: 'Faxes are kept 60 days.', kind: 'policy_change' } }),
      expect: http(201),
    }),
  },
  // The versions' partition read (publish-policy's runs, earlier in the catalog, published some).
  'current-policy': { build: (declaration) => ({ event: httpEvent(declaration, {}), expect: http(200) }) },
  // No such version: the batch read of the version and its counter shards each run costs, a 404.
  'policy-notification-counters': {
    build: (declaration) => ({ event: httpEvent(declaration, { admin: true, pathParameters: { version: '2088-12' } }), expect: http(404) }),
  },
  'policy-notifications': {
    build: (declaration) => ({ event: scheduledEventFor(declaration), expect: { kind: 'summary', fields: ['versions'] } }),
  },
  // A plan asked for a version never published: the lease's conditional update refused.
  'send-policy-notices': {
    build: (declaration) => ({
      event: sqsEvent(declaration, [{ type: 'policy-notices.plan', version: 1, policyVersion: '2088-12' } satisfies PolicyNoticesV1]),
      expect: { kind: 'batch' },
    }),
  },
  // A permanent bounce of a new address each run, so every run writes a suppression.
  'email-feedback': {
    build: (declaration, { serial }) => ({
      event: sqsEvent(declaration, [
        {
          source: 'aws.ses',
          'detail-type': 'Email Bounced',
          detail: { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: `bounced.${serial()}@acme.test` }] } },
        },
      ]),
      expect: { kind: 'batch' },
    }),
  },
  // referrals: a new friend each run (anyone invites an email once a month), by a referrer with a
  // referral left today (20 a day each, a 429 after).
  'create-referral': {
    build: (declaration, { serial, take }) => ({ event: httpEvent(declaration, { caller: take('referrer'), body: referralForm(serial()) }), expect: http(202) }),
    fresh: { referrer: 1 },
  },
  // The referral and its referrer read, the opt-out link signed and the email asked for, every run (the pipeline sends it once).
  'send-referral-invitation': {
    build: (declaration, { seededReferral }) => ({ event: sqsEvent(declaration, [seededReferral]), expect: { kind: 'batch' } }),
  },
  'list-referrals': {
    build: (declaration, { seeded }) => ({ event: httpEvent(declaration, { caller: seeded, query: { limit: '25' } }), expect: http(200) }),
  },
  // A new email each run, so every run writes its opt-out (a repeat is refused by its condition).
  'referral-opt-out': {
    build: (declaration, { take }) => ({ event: httpEvent(declaration, { query: { token: take('referralOptOutToken') } }), expect: http(200) }),
    fresh: { referralOptOutToken: 1 },
  },
  'preview-unsubscribe': {
    build: (declaration, { seededUnsubscribeToken }) => ({ event: httpEvent(declaration, { query: { token: seededUnsubscribeToken } }), expect: http(200) }),
  },
  // An account of its own each run, so every run writes the choice (its account, consent record and
  // audit entry): a second click of a link writes nothing.
  unsubscribe: {
    build: (declaration, { take }) => ({
      event: httpEvent(declaration, {
        query: { token: take('unsubscribeToken') },
        body: ONE_CLICK_FORM,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      expect: http(200),
    }),
    fresh: { unsubscribeToken: 1 },
  },
  // legal requests, all about the legal subject. A new subpoena each run: the subject resolved by
  // number, the request with its holds and trail written, the notice asked for, the subject's faxes held.
  'create-legal-request': {
    build: (declaration, { legalSubject, serial }) => ({ event: httpEvent(declaration, { admin: true, body: legalRequestBody(legalSubject, serial()) }), expect: http(201) }),
  },
  'list-legal-requests': {
    build: (declaration) => ({ event: httpEvent(declaration, { admin: true, query: { status: 'awaiting_fee', limit: '25' } }), expect: http(200) }),
  },
  // The produced request: its item and trail read, its production link signed again.
  'get-legal-request': {
    build: (declaration, { seededProduction }) => ({
      event: httpEvent(declaration, { admin: true, pathParameters: { id: seededProduction.legalRequestId } }),
      expect: http(200),
    }),
  },
  // A subpoena awaiting its fee each run: moved to its notice period with its audit entry, the notice asked for again.
  'pay-legal-fee': {
    build: (declaration, { take }) => ({
      event: httpEvent(declaration, { admin: true, pathParameters: { id: take('awaitingFeeLegalRequest') }, body: legalFeeBody }),
      expect: http(200),
    }),
    fresh: { awaitingFeeLegalRequest: 1 },
  },
  // An open request each run, closed with its audit entry (a closed one is a 409).
  'object-legal-request': {
    build: (declaration, { take }) => ({
      event: httpEvent(declaration, { admin: true, pathParameters: { id: take('awaitingFeeLegalRequest') }, body: { reason: 'Overbroad: it names no time range.' } }),
      expect: http(200),
    }),
    fresh: { awaitingFeeLegalRequest: 1 },
  },
  'reject-legal-request': {
    build: (declaration, { take }) => ({
      event: httpEvent(declaration, { admin: true, pathParameters: { id: take('awaitingFeeLegalRequest') }, body: { reason: 'Withdrawn by the requester.' } }),
      expect: http(200),
    }),
    fresh: { awaitingFeeLegalRequest: 1 },
  },
  // A ready request each run: the subject's data read (its faxes' documents too), the package
  // written to the exports bucket, the request produced.
  'produce-legal-request': {
    build: (declaration, { take }) => ({ event: httpEvent(declaration, { admin: true, pathParameters: { id: take('readyLegalRequest') } }), expect: http(200) }),
    fresh: { readyLegalRequest: 1 },
  },
  // The seeded production's link: its signature checked, the package's HEAD, a presigned URL (a redirect).
  'download-legal-production': {
    build: (declaration, { seededProduction: { legalRequestId, token } }) => ({
      event: httpEvent(declaration, { pathParameters: { id: legalRequestId }, query: { token } }),
      expect: http(302),
    }),
  },
  'list-legal-holds': {
    build: (declaration) => ({ event: httpEvent(declaration, { admin: true, query: { limit: '25' } }), expect: http(200) }),
  },
  // Every hold the bench filed: the subject's faxes read per hold in force (held already), and the
  // faxes of the holds this round's objections and rejections ended given back; no erasure waits.
  'legal-holds': {
    build: (declaration) => ({
      event: scheduledEventFor(declaration),
      expect: { kind: 'summary', fields: ['faxHoldsPlaced', 'faxHoldsReleased', 'faxesHeldSincePlaced', 'erasuresResumed', 'erasuresStillHeld', 'checkedAt'] },
    }),
  },
};

const specOf = (declaration: FunctionDeclaration): ScenarioSpec => {
  const spec = scenarios[declaration.name];
  if (!spec) throw new Error(`No bench scenario for ${declaration.name}: add one to test/bench/events.ts`);
  return spec;
};

/** Fails before anything starts when a function of the catalog has no scenario yet. */
export const assertScenarios = (declarations: readonly FunctionDeclaration[]): void => {
  const missing = declarations.filter((declaration) => !scenarios[declaration.name]).map((declaration) => declaration.name);
  if (missing.length > 0) throw new Error(`No bench scenario for ${missing.join(', ')}: add one to test/bench/events.ts`);
};

/** How many items of `kind` one run of the function's scenario consumes. */
export const freshPerRun = (declaration: FunctionDeclaration, kind: FreshKind): number => specOf(declaration).fresh?.[kind] ?? 0;

export const scenarioFor = (declaration: FunctionDeclaration, context: ScenarioContext): Scenario =>
  specOf(declaration).build(declaration, context);
