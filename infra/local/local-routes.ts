import * as z from 'zod/mini';
import type { AccountStore } from '../../shared/accounts/account-store';
import { canonicalEmail } from '../../shared/accounts/account';
import { now } from '../../shared/clock';
import { BusinessRuleViolation, InvalidInput, NotFound } from '../../shared/errors';
import { validate } from '../../shared/http/json-body';
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

const tokenRequest = z.strictObject({
  email: z.email(),
  groups: z.optional(z.array(z.enum(['admin']))),
  expiresInSeconds: z.optional(z.int().check(z.gte(-3600), z.lte(86_400))),
});
const clockRequest = z.strictObject({ now: z.iso.datetime() });

const parse = <T>(schema: z.ZodMiniType<T>, body: Buffer): T => {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8') || 'null');
  } catch {
    throw new InvalidInput('The request body is not valid JSON.');
  }
  return validate(schema, json);
};

interface SesStoreEmail {
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
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
      sentAt: new Date(email.at * 1000).toISOString(),
    }));
  return { items };
};

export const handleLocalRoute = async (
  deps: LocalRouteDependencies,
  method: string,
  url: URL,
  body: Buffer,
): Promise<LocalRouteResult> => {
  const route = `${method} ${url.pathname}`;
  if (route === 'POST /_local/token') {
    const request = parse(tokenRequest, body);
    const groups = request.groups ?? [];
    const accountId = await deps.accounts.accountIdByEmail(canonicalEmail(request.email));
    if (!groups.includes('admin') && !accountId) {
      throw new BusinessRuleViolation('A customer token needs a live account with this email.');
    }
    const token = await deps.tokens.mint({ email: canonicalEmail(request.email), accountId, groups, expiresInSeconds: request.expiresInSeconds });
    return { status: 200, body: { token } };
  }
  if (route === 'GET /_local/emails') return { status: 200, body: await sentEmails(deps.sesEndpoint, url.searchParams.get('to')) };
  if (route === 'GET /_local/schedules') return { status: 200, body: { items: deps.schedules.list() } };
  const scheduleRun = /^\/_local\/schedules\/([^/]+)\/run$/.exec(url.pathname);
  if (method === 'POST' && scheduleRun) return { status: 200, body: await deps.schedules.run(decodeURIComponent(scheduleRun[1])) };
  if (route === 'GET /_local/clock') return { status: 200, body: { now: now().toISOString() } };
  if (route === 'PUT /_local/clock') {
    const { now: target } = parse(clockRequest, body);
    process.env.LOCAL_CLOCK_OFFSET_MS = String(Date.parse(target) - Date.now());
    return { status: 200, body: { now: now().toISOString() } };
  }
  if (route === 'DELETE /_local/clock') {
    delete process.env.LOCAL_CLOCK_OFFSET_MS;
    return { status: 204 };
  }
  throw new NotFound('No such local route.');
};
