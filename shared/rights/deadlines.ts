import type { Actor, AuditEntry } from '../audit/trail';
import { nowIso } from '../clock';
import type { EmailOutbox } from '../email/outbox';
import { BusinessRuleViolation, Conflict, InvalidInput, NotFound } from '../errors';
import type { Page, PageRequest } from '../pages';
import { rightsRequestSubject } from './audit';
import { extendedDueAt } from './deadline';
import type { AdminRightsRequest, OVERDUE_FILTERS } from './deadlines-schemas';
import type { DueSelection, RightsDeadlineStore } from './ports';
import { ANSWER_OWED_STATUSES, type RightsRequest, type RightsStatus } from './request';

/** Who marks requests overdue and rejects the unverifiable ones: the schedule. */
const DEADLINES_SCHEDULE: Actor = { kind: 'service', name: 'rights-deadlines' };

const auditEntry = (requestId: string, action: string, actor: Actor, at: string, reason?: string): AuditEntry => ({
  subject: rightsRequestSubject(requestId),
  action,
  actor,
  at,
  ...(reason === undefined ? {} : { reason }),
});

const isAnswerOwed = (status: RightsStatus): boolean => (ANSWER_OWED_STATUSES as readonly RightsStatus[]).includes(status);

/** Whether a request is overdue at `at`: owed an answer and past its due date. */
const isOverdue = ({ status, dueAt }: RightsRequest, at: string): boolean => isAnswerOwed(status) && dueAt < at;

/** What an admin sees of a request at `at`: its dates and deadline, never its requester. */
const adminView = (request: RightsRequest, at: string): AdminRightsRequest => {
  const { requestId, type, status, createdAt, dueAt, overdueAt, extendedAt, extensionReason, completedAt, rejectedAt } = request;
  return {
    requestId,
    type,
    status,
    createdAt,
    dueAt,
    overdue: isOverdue(request, at),
    ...(overdueAt ? { overdueAt } : {}),
    ...(extendedAt ? { extendedAt, extensionReason } : {}),
    ...(completedAt ? { completedAt } : {}),
    ...(rejectedAt ? { rejectedAt } : {}),
  };
};

/** Calls `handle` on each request of `status` due before `at`, page by page, while there is time. */
const eachPastDue = async (
  requests: RightsDeadlineStore,
  status: RightsStatus,
  at: string,
  { hasTimeLeft, pageSize }: { hasTimeLeft: () => boolean; pageSize: number },
  handle: (request: RightsRequest) => Promise<void>,
): Promise<void> => {
  let cursor: string | undefined;
  do {
    const page = await requests.listByStatus(status, { before: at }, { limit: pageSize, ...(cursor ? { cursor } : {}) });
    for (const request of page.items) await handle(request);
    cursor = page.nextCursor;
  } while (cursor && hasTimeLeft());
};

/**
 * The `rights-deadlines` schedule. A request owed an answer (verified, in progress) past its due
 * date is reported to the admins and marked overdue, each once: the email first (its message id
 * per request makes a repeat send nothing), then the conditional mark with its audit entry, so a
 * run that fails in between is finished by the next. A request still awaiting its code at its due
 * date can never be verified (the code lived 15 minutes) and is owed nothing, the requester being
 * unidentified: it is rejected, not reported.
 */
export const watchDeadlines = async (
  deps: { requests: RightsDeadlineStore; emails: EmailOutbox; adminEmail: string },
  hasTimeLeft: () => boolean,
  pageSize = 100,
) => {
  const at = nowIso();
  const walk = { hasTimeLeft, pageSize };
  let unverifiedRejected = 0;
  let requestsMarkedOverdue = 0;
  await eachPastDue(deps.requests, 'pending_verification', at, walk, async ({ requestId }) => {
    if (await deps.requests.rejectUnverified(requestId, auditEntry(requestId, 'rejected', DEADLINES_SCHEDULE, at))) unverifiedRejected += 1;
  });
  for (const status of ANSWER_OWED_STATUSES) {
    await eachPastDue(deps.requests, status, at, walk, async ({ requestId, type, dueAt, overdueAt }) => {
      if (overdueAt) return;
      await deps.emails.request(
        { template: 'rights-request-overdue', messageId: `rights-request-overdue#${requestId}`, to: deps.adminEmail, params: { requestId, requestType: type, dueAt } },
        `rights-deadlines@${at}`,
      );
      if (await deps.requests.markOverdue(requestId, dueAt, auditEntry(requestId, 'marked-overdue', DEADLINES_SCHEDULE, at))) requestsMarkedOverdue += 1;
    });
  }
  return { requestsMarkedOverdue, unverifiedRejected, checkedAt: at };
};

/** Asks the requester's email about an extension: its message id per request, so asking again sends nothing more. */
const emailExtension = (emails: EmailOutbox, { requestId, type, email, dueAt, extensionReason }: RightsRequest, httpRequestId: string) =>
  emails.request(
    { template: 'rights-request-extended', messageId: `rights-request-extended#${requestId}`, to: email, params: { requestType: type, dueAt, reason: extensionReason ?? '' } },
    httpRequestId,
  );

/**
 * POST /admin/rights-requests/{id}/extend: once, by two further months, for a request owed an
 * answer that is not past its due date (GDPR Art. 12(3) has the requester told of an extension
 * within the first month), with the reason emailed to the requester. The change and its audit
 * entry commit together, conditionally, so of concurrent extensions exactly one wins. Extending
 * again is a 409; a retry of the same extension (the same reason) also asks for its email again,
 * which its message id sends once, so a retry after the email pipeline refused delivers it.
 */
export const extendRightsRequest = async (
  deps: { requests: RightsDeadlineStore; emails: EmailOutbox },
  requestId: string,
  reason: string,
  adminId: string,
  httpRequestId: string,
): Promise<AdminRightsRequest> => {
  const request = await deps.requests.get(requestId);
  if (!request) throw new NotFound('No rights request with this id.');
  const notOpenToExtension = () => new Conflict('Only a verified or in-progress request that was never extended can be extended.');
  if (request.extendedAt && isAnswerOwed(request.status)) {
    // A retry of this very extension (its email may have failed): ask for the email again.
    if (request.extensionReason === reason) await emailExtension(deps.emails, request, httpRequestId);
    throw new Conflict('This request was already extended: a request is extended once.');
  }
  if (request.extendedAt || !isAnswerOwed(request.status)) throw notOpenToExtension();
  const at = nowIso();
  if (request.dueAt < at) throw new BusinessRuleViolation('The request is past its due date: an extension must be announced before it.');
  const extended: RightsRequest = { ...request, dueAt: extendedDueAt(new Date(request.createdAt)).toISOString(), extendedAt: at, extensionReason: reason };
  const committed = await deps.requests.extend(
    requestId,
    { previousDueAt: request.dueAt, dueAt: extended.dueAt, reason },
    auditEntry(requestId, 'extended', { kind: 'admin', adminId }, at, reason),
  );
  if (!committed) throw notOpenToExtension();
  await emailExtension(deps.emails, extended, httpRequestId);
  return adminView(extended, at);
};

/**
 * GET /admin/rights-requests: the requests of one status, earliest due first; `overdue` keeps
 * those past (`true`) or not past (`false`) their due date, for the statuses owed an answer only
 * (no other is ever overdue: asking is a mistake worth a 400).
 */
export const listRightsRequests = async (
  requests: RightsDeadlineStore,
  { status, overdue }: { status: RightsStatus; overdue?: (typeof OVERDUE_FILTERS)[number] },
  page: PageRequest,
): Promise<Page<AdminRightsRequest>> => {
  if (overdue !== undefined && !isAnswerOwed(status)) {
    throw new InvalidInput('The overdue filter is not valid.', [{ path: 'overdue', message: `Only requests owed an answer (${ANSWER_OWED_STATUSES.join(', ')}) can be overdue.` }]);
  }
  const at = nowIso();
  const due: DueSelection | undefined = overdue === undefined ? undefined : overdue === 'true' ? { before: at } : { notBefore: at };
  const { items, nextCursor } = await requests.listByStatus(status, due, page);
  return { items: items.map((request) => adminView(request, at)), ...(nextCursor ? { nextCursor } : {}) };
};
