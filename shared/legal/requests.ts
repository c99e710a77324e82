import type { AccountStore } from '../accounts/account-store';
import { canonicalEmail } from '../accounts/account';
import type { Actor, AuditEntry } from '../audit/trail';
import { now, nowIso } from '../clock';
import { EnvNames, positiveIntEnv } from '../config';
import type { EmailOutbox } from '../email/outbox';
import { BusinessRuleViolation, Conflict, NotFound } from '../errors';
import type { Recipients } from '../faxes/ports';
import { newId } from '../ids';
import type { Page, PageRequest } from '../pages';
import { personEmailHash, type Pseudonymiser } from '../pseudonyms';
import { coversFaxes } from './holds';
import type { HoldIdentities, LegalMove, LegalRequestStore } from './ports';
import { canMove, type LegalRequest, type LegalRequester, type LegalScope, type LegalStatus, type LegalSubject, type NoticeState } from './request';
import { DEFAULT_LEGAL_HOLD_DAYS_AFTER, DEFAULT_LEGAL_QUASH_DAYS, isNoticeOwed, MINIMUM_FEE_CENTS, withheldOf, type LegalKind } from './rules';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A legal request's audit trail subject. */
export const legalRequestSubject = (legalRequestId: string) => `legal-request:${legalRequestId}`;

const entry = (legalRequestId: string, action: string, actor: Actor, at: string, reason?: string): AuditEntry => ({
  subject: legalRequestSubject(legalRequestId),
  action,
  actor,
  at,
  ...(reason === undefined ? {} : { reason }),
});

const notFound = () => new NotFound('No legal request with this id.');

/** The settings of the rules that depend on time (`LEGAL_QUASH_DAYS`, `LEGAL_HOLD_DAYS_AFTER`). */
export interface LegalTimes {
  quashDays: number;
  holdDaysAfter: number;
}

/** The account the subject names, and where the customer is told of the request. */
export interface ResolvedSubject {
  accountId?: string;
  /** The account's email, else the subject's own: the notice's address and the hold's email digest. */
  email?: string;
  /** The account's number, else the subject's own. */
  faxNumber?: string;
}

export interface SubjectLookup {
  accounts: Pick<AccountStore, 'accountIdByEmail' | 'get'>;
  recipients: Recipients;
}

/**
 * The customer a subject names: by account id, fax number (its current holder) or email, the
 * first that finds a live account. A subject that names no customer is still held and searched
 * by the email given (a junk-fax reporter, a requester of rights).
 */
export const resolveSubject = async ({ accounts, recipients }: SubjectLookup, subject: LegalSubject): Promise<ResolvedSubject> => {
  const candidates = [
    async () => subject.accountId,
    async () => (subject.faxNumber === undefined ? undefined : (await recipients.recipient(subject.faxNumber))?.accountId),
    async () => (subject.email === undefined ? undefined : accounts.accountIdByEmail(canonicalEmail(subject.email))),
  ];
  for (const candidate of candidates) {
    const accountId = await candidate();
    const account = accountId === undefined ? undefined : await accounts.get(accountId);
    if (account && account.removal === undefined) return { accountId: account.accountId, email: account.email, faxNumber: account.faxNumber };
  }
  return {
    ...(subject.email === undefined ? {} : { email: canonicalEmail(subject.email) }),
    ...(subject.faxNumber === undefined ? {} : { faxNumber: subject.faxNumber }),
  };
};

export interface NewLegalRequest {
  kind: LegalKind;
  receivedInWriting: boolean;
  requester: LegalRequester;
  subject: LegalSubject;
  scope: LegalScope;
  documentRefs: string[];
  consentDocumentRef?: string;
  noticeProhibited?: boolean;
}

export interface LegalDeps {
  store: LegalRequestStore;
  emails: EmailOutbox;
  times: LegalTimes;
}

/** Asks for the notice to the customer; its message id per request sends it once however often it is asked. */
const requestNotice = async (emails: EmailOutbox, request: LegalRequest, to: string | undefined, httpRequestId: string) => {
  if (request.notice !== 'owed' || to === undefined || request.quashEndsAt === undefined) return;
  await emails.request(
    {
      template: 'legal-request-notice',
      messageId: `legal-request-notice#${request.legalRequestId}`,
      to,
      params: {
        legalRequestId: request.legalRequestId,
        requestKind: request.kind,
        organization: request.requester.organization,
        categories: request.scope.categories.join(', '),
        quashEndsAt: request.quashEndsAt,
      },
    },
    httpRequestId,
  );
};

/**
 * POST /admin/legal-requests: checks the policy's conditions (in writing; a consent comes with the
 * customer's written consent), lists what the table withholds, places the hold on the subject's
 * data, and tells the customer (unless notice is prohibited or not owed), whose quash window
 * starts now. Recorded `received`, then at once `awaiting_fee` (the fee comes first).
 */
export const createLegalRequest = async (
  deps: LegalDeps & { lookup: SubjectLookup; pseudonymiser: Pseudonymiser },
  input: NewLegalRequest,
  adminId: string,
  httpRequestId: string,
): Promise<LegalRequest> => {
  if (!input.receivedInWriting) throw new BusinessRuleViolation('A legal request must be made in writing.');
  if (input.kind === 'customer_consent' && input.consentDocumentRef === undefined) {
    throw new BusinessRuleViolation("A request under the customer's consent needs the customer's written consent (consentDocumentRef).");
  }
  const receivedAt = now();
  const at = receivedAt.toISOString();
  const resolved = await resolveSubject(deps.lookup, input.subject);
  const noticeProhibited = input.noticeProhibited ?? false;
  const noticeOwed = isNoticeOwed(input.kind, noticeProhibited);
  const notice: NoticeState = !noticeOwed ? (noticeProhibited ? 'prohibited' : 'not_owed') : resolved.email === undefined ? 'no_customer' : 'owed';
  const request: LegalRequest = {
    legalRequestId: newId('lgr'),
    kind: input.kind,
    status: 'awaiting_fee',
    requester: input.requester,
    subject: input.subject,
    ...(resolved.accountId === undefined ? {} : { accountId: resolved.accountId }),
    scope: { ...input.scope, categories: [...new Set(input.scope.categories)] },
    documentRefs: input.documentRefs,
    ...(input.consentDocumentRef === undefined ? {} : { consentDocumentRef: input.consentDocumentRef }),
    noticeProhibited,
    notice,
    withheld: withheldOf(input.kind, input.scope.categories),
    feeDueCents: MINIMUM_FEE_CENTS,
    receivedAt: at,
    ...(notice === 'owed' ? { quashEndsAt: new Date(receivedAt.getTime() + deps.times.quashDays * DAY_MS).toISOString() } : {}),
    // Its faxes are placed under the hold right after (placeFaxHolds), or by the hold-release step.
    ...(resolved.accountId !== undefined && coversFaxes(input.scope.categories) ? { faxHolds: 'pending' as const } : {}),
  };
  const holds: HoldIdentities = {
    ...(resolved.accountId === undefined ? {} : { accountId: resolved.accountId }),
    ...(resolved.email === undefined ? {} : { emailHash: await personEmailHash(deps.pseudonymiser, resolved.email) }),
  };
  const admin: Actor = { kind: 'admin', adminId };
  await deps.store.create(request, holds, [entry(request.legalRequestId, 'received', admin, at), entry(request.legalRequestId, 'awaiting-fee', admin, at)]);
  await requestNotice(deps.emails, request, resolved.email, httpRequestId);
  return request;
};

const requestOf = async (store: LegalRequestStore, legalRequestId: string): Promise<LegalRequest> => {
  const request = await store.get(legalRequestId);
  if (!request) throw notFound();
  return request;
};

const illegal = (request: LegalRequest, to: LegalStatus) => new Conflict(`A legal request that is ${request.status} cannot become ${to}.`);

/** Moves `request` as the machine allows, conditionally on the status read: 409 when it does not allow it, or when a concurrent move won. */
const moved = async (store: LegalRequestStore, request: LegalRequest, move: Omit<LegalMove, 'from'>): Promise<LegalRequest> => {
  if (!canMove(request.status, move.to)) throw illegal(request, move.to);
  if (!(await store.move(request.legalRequestId, { ...move, from: request.status }))) throw new Conflict('The legal request changed meanwhile: read it again.');
  return { ...request, ...move.changes, status: move.to };
};

/**
 * POST /admin/legal-requests/{id}/fee: the requester paid. At least the minimum (422 below it), and
 * only while the fee is awaited (409 otherwise). Then the quash window, if the customer was told
 * and it is still running, else ready. The notice is asked for again (sent once): a creation whose
 * email hand-over failed is made good here.
 */
export const payLegalFee = async (
  deps: LegalDeps & { lookup: SubjectLookup },
  legalRequestId: string,
  amountCents: number,
  adminId: string,
  httpRequestId: string,
): Promise<LegalRequest> => {
  if (amountCents < MINIMUM_FEE_CENTS) throw new BusinessRuleViolation(`The fee is at least ${MINIMUM_FEE_CENTS} cents ($${MINIMUM_FEE_CENTS / 100}).`);
  const request = await requestOf(deps.store, legalRequestId);
  const at = nowIso();
  const to: LegalStatus = request.quashEndsAt !== undefined && at < request.quashEndsAt ? 'notice_period' : 'ready';
  if (request.status !== 'awaiting_fee') throw illegal(request, to);
  const paid = await moved(deps.store, request, {
    to,
    changes: { feePaidCents: amountCents, feePaidAt: at },
    audit: entry(legalRequestId, 'fee-paid', { kind: 'admin', adminId }, at),
  });
  await requestNotice(deps.emails, paid, (await resolveSubject(deps.lookup, paid.subject)).email, httpRequestId);
  return paid;
};

/**
 * POST /admin/legal-requests/{id}/object and …/reject: the service objects (vague, overbroad, undue
 * burden) or refuses; the request is closed and its hold ends now.
 */
export const closeLegalRequest = async (
  store: LegalRequestStore,
  legalRequestId: string,
  outcome: Extract<LegalStatus, 'objected' | 'rejected'>,
  reason: string,
  adminId: string,
): Promise<LegalRequest> => {
  const request = await requestOf(store, legalRequestId);
  const at = nowIso();
  return moved(store, request, {
    to: outcome,
    changes: { closedAt: at, closingReason: reason, holdEndsAt: at },
    audit: entry(legalRequestId, outcome, { kind: 'admin', adminId }, at, reason),
  });
};

/**
 * Brings a request to `ready` for production: the fee must be paid (409 while awaited) and the
 * customer's quash window over (409 before its end); a request whose window ended is moved to
 * `ready` first (audited), so the trail shows each step.
 */
export const readyForProduction = async (store: LegalRequestStore, legalRequestId: string, adminId: string): Promise<LegalRequest> => {
  const request = await requestOf(store, legalRequestId);
  if (request.status === 'ready') return request;
  const at = nowIso();
  if (request.status === 'notice_period' && request.quashEndsAt !== undefined && at < request.quashEndsAt) {
    throw new Conflict(`The customer may move to quash until ${request.quashEndsAt}: nothing is produced before then.`);
  }
  if (request.status !== 'notice_period') throw illegal(request, 'produced');
  return moved(store, request, { to: 'ready', changes: {}, audit: entry(legalRequestId, 'notice-period-ended', { kind: 'admin', adminId }, at) });
};

/** Records a production: `produced`, with its package, counts, and the hold's end. */
export const recordProduction = (
  store: LegalRequestStore,
  request: LegalRequest,
  production: NonNullable<LegalRequest['production']>,
  times: LegalTimes,
  adminId: string,
  producedAt: Date,
): Promise<LegalRequest> => {
  const at = producedAt.toISOString();
  return moved(store, request, {
    to: 'produced',
    changes: { producedAt: at, production, holdEndsAt: new Date(producedAt.getTime() + times.holdDaysAfter * DAY_MS).toISOString() },
    audit: entry(request.legalRequestId, 'produced', { kind: 'admin', adminId }, at),
  });
};

export const getLegalRequest = (store: LegalRequestStore, legalRequestId: string): Promise<LegalRequest> => requestOf(store, legalRequestId);

export const listLegalRequests = (store: LegalRequestStore, status: LegalStatus, page: PageRequest): Promise<Page<LegalRequest>> => store.listByStatus(status, page);

export const listLegalHolds = (store: LegalRequestStore, page: PageRequest): Promise<Page<LegalRequest>> => store.listHolds(nowIso(), page);

/** The time rules' settings, read once per container (a bad value fails it loudly). */
export const legalTimesFromEnv = (): LegalTimes => ({
  quashDays: positiveIntEnv(EnvNames.legalQuashDays, DEFAULT_LEGAL_QUASH_DAYS),
  holdDaysAfter: positiveIntEnv(EnvNames.legalHoldDaysAfter, DEFAULT_LEGAL_HOLD_DAYS_AFTER),
});
