import * as z from 'zod/mini';
import type { AccountStore } from '../../shared/accounts/account-store';
import { canonicalEmail } from '../../shared/accounts/account';
import { ownAccount } from '../../shared/accounts/profile';
import { now } from '../../shared/clock';
import { BusinessRuleViolation, MethodNotAllowed, NotFound } from '../../shared/errors';
import { parseJsonBody } from '../../shared/http/json-body';
import { decodePath } from './api-gateway';
import type { LocalTokens } from './jwt';
import type { LocalSchedules } from './schedules';

// The `/_local/*` routes of API.md: token minting, the sent-email log, schedules and the clock.
// They exist only in the local runtime and are never deployed.

export interface LocalRouteResult {
  status: number;
  body?: unknown;
}

export interface LocalRouteDependencies {
  tokens: LocalTokens;
  accounts: AccountStore;
  schedules: LocalSchedules;
  sesEndpoint: string;
}

/** A request to a `/_local/*` route, its body already read. */
export interface LocalRequest {
  method: string;
  url: URL;
  /** The request's content-type header, if any. */
  contentType: string | undefined;
  body: Buffer;
}

const tokenRequest = z.strictObject({
  email: z.email(),
  groups: z.optional(z.array(z.enum(['admin']))),
  expiresInSeconds: z.optional(z.int().check(z.gte(-3600), z.lte(86_400))),
});
const clockRequest = z.strictObject({ now: z.iso.datetime() });

// Bodies of these routes are a few fields; they are read as strictly as any route's.
const LOCAL_BODY_LIMIT_BYTES = 1024;

const parse = <T>(schema: z.ZodMiniType<T>, request: LocalRequest): T =>
  parseJsonBody(
    { body: request.body.toString('base64'), isBase64Encoded: true, headers: request.contentType === undefined ? {} : { 'content-type': request.contentType } },
    { schema, limitBytes: LOCAL_BODY_LIMIT_BYTES, screenCardData: true },
  );

interface SesStoreEmail {
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  headers?: { name: string; value: string }[];
  at: number;
}

const sentEmails = async (sesEndpoint: string, to: string | null) => {
  const response = await fetch(`${sesEndpoint}/store`);
  if (!response.ok) throw new Error(`SES emulator store answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: SesStoreEmail[] };
  const wanted = to === null ? undefined : canonicalEmail(to);
  const items = emails
    .flatMap((email) => email.destination.to.map((recipient) => ({ recipient, email })))
    .filter(({ recipient }) => wanted === undefined || canonicalEmail(recipient) === wanted)
    .map(({ recipient, email }) => ({
      to: recipient,
      from: email.from,
      subject: email.subject,
      text: email.body.text ?? '',
      ...(email.body.html ? { html: email.body.html } : {}),
      ...(email.headers ? { headers: email.headers } : {}),
      sentAt: new Date(email.at * 1000).toISOString(),
    }));
  return { items };
};

type LocalHandler = (deps: LocalRouteDependencies, request: LocalRequest, parameter: string) => Promise<LocalRouteResult>;

const mintToken: LocalHandler = async (deps, request) => {
  const { email, groups = [], expiresInSeconds } = parse(tokenRequest, request);
  const accountId = await deps.accounts.accountIdByEmail(canonicalEmail(email));
  if (!groups.includes('admin') && !accountId) {
    throw new BusinessRuleViolation('A customer token needs a live account with this email.');
  }
  // A customer token is its owner's sign-in: the same use case as their first request activates a pending account.
  if (accountId) await ownAccount(deps.accounts, accountId);
  return { status: 200, body: { token: await deps.tokens.mint({ email: canonicalEmail(email), accountId, groups, expiresInSeconds }) } };
};

const currentClock = async (): Promise<LocalRouteResult> => ({ status: 200, body: { now: now().toISOString() } });

// Each path (one optional parameter, percent-decoded) with the methods it answers.
const LOCAL_ROUTES: { pattern: RegExp; methods: Record<string, LocalHandler> }[] = [
  { pattern: /^\/_local\/token$/, methods: { POST: mintToken } },
  {
    pattern: /^\/_local\/emails$/,
    methods: { GET: async (deps, { url }) => ({ status: 200, body: await sentEmails(deps.sesEndpoint, url.searchParams.get('to')) }) },
  },
  { pattern: /^\/_local\/schedules$/, methods: { GET: async (deps) => ({ status: 200, body: { items: deps.schedules.list() } }) } },
  {
    pattern: /^\/_local\/schedules\/([^/]+)\/run$/,
    methods: { POST: async (deps, _request, name) => ({ status: 200, body: await deps.schedules.run(name) }) },
  },
  {
    pattern: /^\/_local\/clock$/,
    methods: {
      GET: currentClock,
      PUT: async (_deps, request) => {
        const { now: target } = parse(clockRequest, request);
        process.env.LOCAL_CLOCK_OFFSET_MS = String(Date.parse(target) - Date.now());
        return currentClock();
      },
      DELETE: async () => {
        delete process.env.LOCAL_CLOCK_OFFSET_MS;
        return { status: 204 };
      },
    },
  },
];

/** Answers a `/_local/*` request: 404 for an unknown path, 405 for a method the path does not answer. */
export const handleLocalRoute = async (deps: LocalRouteDependencies, request: LocalRequest): Promise<LocalRouteResult> => {
  for (const { pattern, methods } of LOCAL_ROUTES) {
    const match = pattern.exec(request.url.pathname);
    if (!match) continue;
    const handle = methods[request.method];
    if (!handle) throw new MethodNotAllowed(Object.keys(methods));
    return handle(deps, request, decodePath(match[1] ?? ''));
  }
  throw new NotFound('No such local route.');
};
